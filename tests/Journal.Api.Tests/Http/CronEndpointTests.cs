using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;
using Journal.Projections.Cron;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application.Cron;

namespace Journal.Api.Tests.Http;

public sealed class CronEndpointTests : ApiTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);

    /// The service on a manual clock, with the scheduler driven by the test (CronScheduler.RunDueAsync).
    protected override ApiHost StartHost() => ApiHost.Start(configure: b => b.ConfigureTestServices(services =>
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(new CronSchedulerOptions { Enabled = false });
    }));

    [Fact]
    public async Task Create_get_list_pause_resume_and_delete_a_cron_job()
    {
        var jobId = await CreateAsync(new { name = "standup", channel = "telegram:ops", owner = "ada", payload = new { prompt = "standup notes", api_key = "plain-value-that-must-not-be-stored" }, schedule = new { kind = "Cron", expression = "0 9 * * MON-FRI", timeZone = "Europe/Prague" } });
        using var reader = Host.Reader();

        var head = await Host.HeadAsync();
        var job = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/jobs/{jobId}?preview=3&minPosition={head}");
        var mine = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/jobs?owner=ada&enabled=true&minPosition={head}");
        var others = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/jobs?owner=bob&minPosition={head}");
        var pause = await Json.PostAsync(Writer, $"/v1/cron/jobs/{jobId}/pause", new { });
        var paused = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/jobs?enabled=false&minPosition={pause.GetProperty("position").GetInt64()}");
        await Json.PostAsync(Writer, $"/v1/cron/jobs/{jobId}/resume", new { });
        using var deleted = await Writer.DeleteAsync($"/v1/cron/jobs/{jobId}");
        using var gone = await reader.GetAsync($"/v1/cron/jobs/{jobId}?minPosition={await Host.HeadAsync()}");

        // 2026-03-02 is a Monday; 09:00 in Prague (CET) is 08:00Z.
        Assert.Equal(
            ["2026-03-02T08:00:00+00:00", "2026-03-03T08:00:00+00:00", "2026-03-04T08:00:00+00:00"],
            job.GetProperty("nextRuns").EnumerateArray().Select(t => t.GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("standup notes", job.GetProperty("job").GetProperty("definition").GetProperty("payload").GetString() is { } p ? JsonDocument.Parse(p).RootElement.GetProperty("prompt").GetString() : null);
        Assert.DoesNotContain("plain-value-that-must-not-be-stored", job.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(jobId, mine.GetProperty("items")[0].GetProperty("jobId").GetGuid());
        Assert.Empty(others.GetProperty("items").EnumerateArray());
        Assert.Equal(jobId, paused.GetProperty("items")[0].GetProperty("jobId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, "cron_job.not_found");
    }

    [Theory]
    [InlineData("schedule", "{\"name\":\"x\",\"channel\":\"cli\",\"payload\":{},\"schedule\":{\"kind\":\"Cron\",\"expression\":\"61 * * * *\"}}")]
    [InlineData("schedule", "{\"name\":\"x\",\"channel\":\"cli\",\"payload\":{},\"schedule\":{\"kind\":\"Once\",\"at\":\"2020-01-01T00:00:00Z\"}}")]
    [InlineData("retry.maxAttempts", "{\"name\":\"x\",\"channel\":\"cli\",\"payload\":{},\"schedule\":{\"kind\":\"Interval\",\"everySeconds\":60},\"retry\":{\"maxAttempts\":17}}")]
    [InlineData("misfire.maxCatchUp", "{\"name\":\"x\",\"channel\":\"cli\",\"payload\":{},\"schedule\":{\"kind\":\"Interval\",\"everySeconds\":60},\"misfire\":{\"action\":\"CatchUp\",\"maxCatchUp\":0}}")]
    [InlineData("payload", "{\"name\":\"x\",\"channel\":\"cli\",\"payload\":null,\"schedule\":{\"kind\":\"Interval\",\"everySeconds\":60}}")]
    [InlineData("channel", "{\"name\":\"x\",\"channel\":\"no spaces\",\"payload\":{},\"schedule\":{\"kind\":\"Interval\",\"everySeconds\":60}}")]
    public async Task Creating_an_invalid_job_is_400_naming_the_field_and_writes_nothing(string field, string body)
    {
        var before = await Host.HeadAsync();

        using var response = await Writer.PostAsync("/v1/cron/jobs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertFieldAsync(response, "validation.failed", field);
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Writes_need_the_writer_role_and_reads_need_a_key()
    {
        using var reader = Host.Reader();
        using var anonymous = Host.Client(null);

        using var asReader = await reader.PostAsJsonAsync("/v1/cron/jobs", new { name = "x", channel = "cli", payload = new { }, schedule = new { kind = "Interval", everySeconds = 60 } });
        using var finishAsReader = await reader.PostAsJsonAsync($"/v1/cron/runs/{Guid.NewGuid()}/finish", new { outcome = "Succeeded" });
        using var listAnonymously = await anonymous.GetAsync("/v1/cron/jobs");

        await Problem.AssertAsync(asReader, HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem.AssertAsync(finishAsReader, HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem.AssertAsync(listAnonymously, HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task A_claimed_run_is_active_until_an_executor_finishes_it_over_http_with_its_error_redacted()
    {
        const string secret = "sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
        var jobId = await CreateAsync(new { name = "inbox", channel = "cli", payload = new { prompt = "inbox" }, schedule = new { kind = "Interval", everySeconds = 60 }, timeoutSeconds = 600 });
        _clock.Advance(TimeSpan.FromMinutes(1));
        var pass = await Host.Services.GetRequiredService<CronScheduler>().RunDueAsync(default);
        using var reader = Host.Reader();

        var active = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/runs/active?minPosition={await Host.HeadAsync()}");
        var runId = active[0].GetProperty("runId").GetGuid();
        using var deleteWhileActive = await Writer.DeleteAsync($"/v1/cron/jobs/{jobId}");
        var finished = await Json.PostAsync(Writer, $"/v1/cron/runs/{runId}/finish", new { outcome = "Failed", error = $"the model said no; key {secret}" });
        using var again = await Writer.PostAsJsonAsync($"/v1/cron/runs/{runId}/finish", new { outcome = "Succeeded" });
        using var unknown = await Writer.PostAsJsonAsync($"/v1/cron/runs/{Guid.NewGuid()}/finish", new { outcome = "Succeeded" });
        var runs = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/jobs/{jobId}/runs?minPosition={finished.GetProperty("position").GetInt64()}");
        var health = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/health?minPosition={finished.GetProperty("position").GetInt64()}");

        Assert.Equal(1, pass.Claimed);
        Assert.Equal(jobId, active[0].GetProperty("jobId").GetGuid());
        await Problem.AssertAsync(deleteWhileActive, HttpStatusCode.UnprocessableEntity, "cron.run_active");
        await Problem.AssertAsync(again, HttpStatusCode.UnprocessableEntity, "cron.run_not_active");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "cron_run.not_found");
        var run = runs.GetProperty("items")[0];
        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.DoesNotContain(secret, run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("the model said no", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, health.GetProperty("activeRuns").GetInt64());
        Assert.Equal(1, health.GetProperty("enabledJobs").GetInt64());
    }

    [Fact]
    public async Task Run_now_starts_a_manual_run_through_the_scheduler_and_refuses_what_the_job_s_policies_refuse_writing_nothing()
    {
        var jobId = await CreateAsync(new { name = "digest", channel = "cli", payload = new { prompt = "digest" }, schedule = new { kind = "Interval", everySeconds = 3600 }, maxRuns = 2 });
        var runId = Guid.NewGuid();
        var scheduler = Host.Services.GetRequiredService<CronScheduler>();
        using var reader = Host.Reader();

        using var requested = await Writer.PostAsJsonAsync($"/v1/cron/jobs/{jobId}/run", new { runId });
        using var sameAgain = await Writer.PostAsJsonAsync($"/v1/cron/jobs/{jobId}/run", new { runId });
        var pass = await scheduler.RunDueAsync(default);
        var run = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/runs/{runId}?minPosition={await Host.HeadAsync()}");
        var headWhileActive = await Host.HeadAsync();
        using var whileActive = await Writer.PostAsJsonAsync($"/v1/cron/jobs/{jobId}/run", new { runId = Guid.NewGuid() });
        using var asReader = await reader.PostAsJsonAsync($"/v1/cron/jobs/{jobId}/run", new { });
        using var emptyId = await Writer.PostAsJsonAsync($"/v1/cron/jobs/{jobId}/run", new { runId = Guid.Empty });
        using var unknownJob = await Writer.PostAsJsonAsync($"/v1/cron/jobs/{Guid.NewGuid()}/run", new { });
        var headAfterRefusals = await Host.HeadAsync();
        await Json.PostAsync(Writer, $"/v1/cron/runs/{runId}/finish", new { outcome = "Succeeded" });
        using var second = await Writer.PostAsync($"/v1/cron/jobs/{jobId}/run", null);
        await scheduler.RunDueAsync(default);
        using var third = await Writer.PostAsJsonAsync($"/v1/cron/jobs/{jobId}/run", new { });
        var job = await reader.GetFromJsonAsync<JsonElement>($"/v1/cron/jobs/{jobId}?minPosition={await Host.HeadAsync()}");

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal($"/v1/cron/runs/{runId}", requested.Headers.Location?.OriginalString);
        Assert.Equal(0, (await sameAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventsWritten").GetInt32());
        Assert.Equal(1, pass.Claimed);
        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.Equal("Active", run.GetProperty("status").GetString());
        await Problem.AssertAsync(whileActive, HttpStatusCode.UnprocessableEntity, "cron.run_active");
        await Problem.AssertAsync(asReader, HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem.AssertFieldAsync(emptyId, "validation.failed", "runId");
        await Problem.AssertAsync(unknownJob, HttpStatusCode.NotFound, "cron_job.not_found");
        Assert.Equal(headWhileActive, headAfterRefusals);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await Problem.AssertAsync(third, HttpStatusCode.UnprocessableEntity, "cron.max_runs_reached");
        Assert.Equal(2, job.GetProperty("job").GetProperty("runsStarted").GetInt32());
        Assert.True(job.GetProperty("job").GetProperty("disabled").GetBoolean());
    }

    private async Task<Guid> CreateAsync(object body)
    {
        using var response = await Writer.PostAsJsonAsync("/v1/cron/jobs", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Guid.Parse(created.GetProperty("stream").GetString()!["cronjob-".Length..]);
    }

    /// A clock the test moves by hand.
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock)
            {
                return _now;
            }
        }

        public void Advance(TimeSpan by)
        {
            lock (_lock)
            {
                _now += by;
            }
        }
    }
}
