using System.Net;
using System.Net.Http.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class RunEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Accept_start_record_tokens_and_complete_a_foreground_run()
    {
        var sessionId = await Host.CreateSessionAsync();

        var runId = await AcceptAsync(sessionId, "Foreground");
        var started = await Json.PostAsync(Writer, $"/v1/runs/{runId}/start", null);
        var tokens = await Json.PostAsync(Writer, $"/v1/runs/{runId}/tokens", new { inputTokens = 120, outputTokens = 30 });
        var completed = await Json.PostAsync(Writer, $"/v1/runs/{runId}/complete", new { summary = "done" });

        Assert.Equal(2, started.GetProperty("streamVersion").GetInt64());
        Assert.Equal(3, tokens.GetProperty("streamVersion").GetInt64());
        Assert.Equal(2, completed.GetProperty("eventsWritten").GetInt32());
        Assert.Equal($"run-{runId}", completed.GetProperty("stream").GetString());
    }

    [Fact]
    public async Task Second_foreground_run_is_422_run_already_active_and_writes_nothing()
    {
        var sessionId = await Host.CreateSessionAsync();
        await AcceptAsync(sessionId, "Foreground");
        var before = await Host.HeadAsync();

        using var response = await Writer.PostAsJsonAsync("/v1/runs", new { sessionId, kind = "Foreground" });

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "run.already_active");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Fail_cancel_and_request_cancel_end_runs()
    {
        var sessionId = await Host.CreateSessionAsync();
        var failing = await AcceptAsync(sessionId, "Background");
        var cancelling = await AcceptAsync(sessionId, "Background");

        var failed = await Json.PostAsync(Writer, $"/v1/runs/{failing}/fail", new { reason = "model error" });
        var asked = await Json.PostAsync(Writer, $"/v1/runs/{cancelling}/cancel-request", new { requestedBy = "ada" });
        var cancelled = await Json.PostAsync(Writer, $"/v1/runs/{cancelling}/cancel", null);

        Assert.Equal(1, failed.GetProperty("eventsWritten").GetInt32());
        Assert.Equal(1, asked.GetProperty("eventsWritten").GetInt32());
        Assert.Equal(1, cancelled.GetProperty("eventsWritten").GetInt32());
    }

    [Fact]
    public async Task Completing_a_finished_run_is_422_and_tokens_with_a_negative_count_are_400()
    {
        var sessionId = await Host.CreateSessionAsync();
        var runId = await AcceptAsync(sessionId, "Background");
        var active = await AcceptAsync(sessionId, "Background");
        await Json.PostAsync(Writer, $"/v1/runs/{runId}/fail", new { reason = "x" });

        using var complete = await Writer.PostAsJsonAsync($"/v1/runs/{runId}/complete", new { });
        using var tokens = await Writer.PostAsJsonAsync($"/v1/runs/{active}/tokens", new { inputTokens = -1, outputTokens = 0 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, complete.StatusCode);
        await Problem.AssertFieldAsync(tokens, "validation.failed", "inputTokens");
    }

    [Fact]
    public async Task Run_in_an_unknown_session_is_404_and_an_unknown_run_is_404()
    {
        using var accept = await Writer.PostAsJsonAsync("/v1/runs", new { sessionId = Guid.NewGuid(), kind = "Background" });
        using var start = await Writer.PostAsync($"/v1/runs/{Guid.NewGuid()}/start", null);

        await Problem.AssertAsync(accept, HttpStatusCode.NotFound, "session.not_found");
        await Problem.AssertAsync(start, HttpStatusCode.NotFound, "run.not_found");
    }

    [Fact]
    public async Task If_Match_on_a_run_command_guards_the_run_stream()
    {
        var sessionId = await Host.CreateSessionAsync();
        var runId = await AcceptAsync(sessionId, "Background");

        var stale = await Json.PostAsync(Writer, $"/v1/runs/{runId}/start", null, HttpStatusCode.Conflict, r => r.Headers.TryAddWithoutValidation("If-Match", "\"5\""));
        var fresh = await Json.PostAsync(Writer, $"/v1/runs/{runId}/start", null, HttpStatusCode.OK, r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));

        Assert.Equal(1, stale.GetProperty("actual").GetInt64());
        Assert.Equal(5, stale.GetProperty("expected").GetInt64());
        Assert.Equal(2, fresh.GetProperty("streamVersion").GetInt64());
    }

    private async Task<Guid> AcceptAsync(Guid sessionId, string kind)
    {
        var accepted = await Json.PostAsync(Writer, "/v1/runs", new { sessionId, kind }, HttpStatusCode.Created);
        return Guid.Parse(accepted.GetProperty("stream").GetString()!["run-".Length..]);
    }
}
