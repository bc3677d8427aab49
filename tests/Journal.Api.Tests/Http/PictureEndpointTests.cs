using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;
using Journal.Projections.Lag;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http;

/// <summary>The read side behind the control room's pictures: events per minute and the projections' lag.</summary>
public sealed class PictureEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Activity_counts_every_event_of_the_tape_in_its_minute_with_every_bucket_listed()
    {
        for (var i = 0; i < 3; i++)
        {
            await Host.CreateSessionAsync();
        }

        using var client = Host.Reader();
        var head = (await client.GetFromJsonAsync<JsonElement>("/v1/journal/head")).GetProperty("seq").GetInt64();

        var rate = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/activity?minutes=10&minPosition={head}");
        var hours = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/activity?minutes=1440&bucket=60&minPosition={head}");

        var buckets = rate.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(10, buckets.Count);
        Assert.Equal(head, rate.GetProperty("total").GetInt64());
        Assert.Equal(head, buckets.Sum(b => b.GetProperty("events").GetInt64()));
        Assert.Equal(1, rate.GetProperty("bucketMinutes").GetInt32());
        var starts = buckets.Select(b => b.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(rate.GetProperty("from").GetDateTimeOffset(), starts[0]);
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second - pair.First));
        Assert.Equal((24, head), (hours.GetProperty("buckets").GetArrayLength(), hours.GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task Activity_until_a_time_before_the_events_counts_none()
    {
        await Host.CreateSessionAsync();
        using var client = Host.Reader();
        var until = DateTimeOffset.UtcNow.AddDays(-1).ToString("O", CultureInfo.InvariantCulture);

        var rate = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/activity?minutes=60&until={Uri.EscapeDataString(until)}&minPosition=1");

        Assert.Equal(0, rate.GetProperty("total").GetInt64());
        Assert.Equal(60, rate.GetProperty("buckets").GetArrayLength());
    }

    [Theory]
    [InlineData("minutes=0", "validation.failed", "minutes")]
    [InlineData("minutes=10081", "validation.failed", "minutes")]
    [InlineData("minutes=60&bucket=7", "validation.failed", "minutes")]
    [InlineData("minutes=2880", "validation.failed", "bucket")]
    [InlineData("bucket=0", "validation.failed", "bucket")]
    [InlineData("minutes=abc", "request.invalid_parameter", "minutes")]
    [InlineData("until=yesterday", "request.invalid_parameter", "until")]
    public async Task Activity_refuses_a_bad_window_naming_the_parameter(string query, string code, string field)
    {
        using var client = Host.Reader();

        using var response = await client.GetAsync($"/v1/journal/activity?{query}");

        await Problem.AssertFieldAsync(response, code, field);
    }

    [Fact]
    public async Task Projection_lag_lists_the_samples_of_every_projection_for_an_admin()
    {
        await Host.CreateSessionAsync();
        await Host.Services.GetRequiredService<LagSampler>().SampleOnceAsync(default);
        using var admin = Host.Admin();

        var history = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/projections/lag?minutes=5");

        Assert.Equal(15, history.GetProperty("intervalSeconds").GetInt32());
        var last = history.GetProperty("samples").EnumerateArray().Last();
        var names = last.GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("event_rate.v1", names);
        Assert.Contains("sessions.v2", names);
        Assert.All(last.GetProperty("projections").EnumerateArray(), p => Assert.True(p.GetProperty("lagEvents").GetInt64() >= 0));
    }

    [Theory]
    [InlineData("minutes=0")]
    [InlineData("minutes=61")]
    public async Task Projection_lag_refuses_a_window_outside_the_hour(string query)
    {
        using var admin = Host.Admin();

        using var response = await admin.GetAsync($"/v1/admin/projections/lag?{query}");

        await Problem.AssertFieldAsync(response, "validation.failed", "minutes");
    }

    [Fact]
    public async Task Projection_lag_is_refused_to_a_reader_as_the_projections_report_is()
    {
        using var reader = Host.Reader();

        using var response = await reader.GetAsync("/v1/admin/projections/lag");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Fact]
    public async Task Latest_runs_list_every_sessions_runs_newest_first_with_tokens()
    {
        var first = await Host.CreateSessionAsync();
        var second = await Host.CreateSessionAsync();
        var older = await Json.PostAsync(Writer, "/v1/runs", new { sessionId = first, kind = "Background" }, HttpStatusCode.Created);
        var newer = await Json.PostAsync(Writer, "/v1/runs", new { sessionId = second, kind = "Background" }, HttpStatusCode.Created);
        var newerId = newer.GetProperty("stream").GetString()!["run-".Length..];
        var tokens = await Json.PostAsync(Writer, $"/v1/runs/{newerId}/tokens", new { inputTokens = 120, outputTokens = 30 });

        var runs = await Host.Reader().GetFromJsonAsync<JsonElement>($"/v1/runs?limit=5&minPosition={tokens.GetProperty("position").GetInt64()}");

        Assert.Equal(
            [newerId, older.GetProperty("stream").GetString()!["run-".Length..]],
            runs.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal((120, 30), (runs[0].GetProperty("inputTokens").GetInt64(), runs[0].GetProperty("outputTokens").GetInt64()));
    }

    [Theory]
    [InlineData("limit=0", "validation.failed")]
    [InlineData("limit=201", "validation.failed")]
    [InlineData("limit=many", "request.invalid_parameter")]
    public async Task Latest_runs_refuse_a_bad_limit(string query, string code)
    {
        using var reader = Host.Reader();

        using var response = await reader.GetAsync($"/v1/runs?{query}");

        await Problem.AssertFieldAsync(response, code, "limit");
    }
}
