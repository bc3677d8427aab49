using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Endpoints.Admin;
using Journal.Api.Tests.Http.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http;

public sealed class AdminEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Verify_reports_an_intact_chain_over_the_whole_tape_or_a_range()
    {
        await Host.CreateSessionAsync("a");
        using var admin = Host.Admin();

        var whole = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/verify");
        var range = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/verify?from=2&to=2");

        Assert.Equal("Intact", whole.GetProperty("status").GetString());
        Assert.Equal(2, whole.GetProperty("eventsChecked").GetInt64());
        Assert.Equal(1, range.GetProperty("eventsChecked").GetInt64());
    }

    [Fact]
    public async Task Verify_refuses_a_reversed_range()
    {
        using var admin = Host.Admin();

        using var response = await admin.GetAsync("/v1/admin/verify?from=5&to=2");

        await Problem.AssertFieldAsync(response, "validation.failed", "to");
    }

    [Fact]
    public async Task Projections_report_head_statuses_dead_letters_and_rebuild()
    {
        await Host.CreateSessionAsync();
        using var admin = Host.Admin();

        var report = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/projections");

        Assert.Equal(1, report.GetProperty("head").GetInt64());
        Assert.Equal(JsonValueKind.Array, report.GetProperty("projections").ValueKind);
        Assert.Equal(0, report.GetProperty("deadLetters").GetArrayLength());
        Assert.Equal("idle", report.GetProperty("rebuild").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Rebuild_is_accepted_runs_in_the_background_and_reports_its_outcome()
    {
        await Host.CreateSessionAsync();
        using var admin = Host.Admin();

        using var response = await admin.PostAsync("/v1/admin/projections/rebuild", null);
        var started = await Json.BodyAsync(response);
        await Host.Services.GetRequiredService<ProjectionRebuilds>().Running.WaitAsync(TimeSpan.FromSeconds(30));
        var report = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/projections");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/v1/admin/projections", response.Headers.Location?.ToString());
        Assert.Equal("running", started.GetProperty("state").GetString());
        Assert.Equal("succeeded", report.GetProperty("rebuild").GetProperty("state").GetString());
        Assert.True(report.GetProperty("rebuild").GetProperty("result").GetProperty("generation").GetInt32() >= 1);
    }

    [Fact]
    public async Task Rebuild_of_an_unknown_projection_is_404_and_admin_endpoints_refuse_writers()
    {
        using var admin = Host.Admin();
        using var writer = Host.Writer();

        using var unknown = await admin.PostAsJsonAsync("/v1/admin/projections/rebuild", new { projection = "nothing.v9" });
        using var forbidden = await writer.PostAsync("/v1/admin/projections/rebuild", null);
        using var forbiddenRead = await writer.GetAsync("/v1/admin/projections");

        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "projection.not_found");
        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden, "auth.forbidden");
        await Problem.AssertAsync(forbiddenRead, HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
