using System.Net;
using System.Net.Http.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class ToolJobEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Queue_start_output_and_complete_a_job()
    {
        var jobId = await QueueAsync();

        await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/start", null);
        var output = await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/output", new { stream = "Stdout", text = "total 0\n" });
        var completed = await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/complete", new { exitCode = 0 });

        Assert.Equal(3, output.GetProperty("streamVersion").GetInt64());
        Assert.Equal(4, completed.GetProperty("streamVersion").GetInt64());
    }

    [Fact]
    public async Task Failed_job_is_retried_once_per_idempotency_key()
    {
        var jobId = await QueueAsync();
        await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/start", null);
        await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/fail", new { reason = "exit 1", exitCode = 1 });
        void Keyed(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "retry-1");

        var retried = await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/retry", null, HttpStatusCode.OK, Keyed);
        var again = await Json.PostAsync(Writer, $"/v1/tool-jobs/{jobId}/retry", null, HttpStatusCode.OK, Keyed);

        Assert.Equal(1, retried.GetProperty("eventsWritten").GetInt32());
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(retried.GetProperty("position").GetInt64(), again.GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task Retry_without_an_idempotency_key_is_400_naming_it()
    {
        var jobId = await QueueAsync();

        using var response = await Writer.PostAsync($"/v1/tool-jobs/{jobId}/retry", null);

        await Problem.AssertFieldAsync(response, "validation.failed", "idempotencyKey");
    }

    [Fact]
    public async Task Cancel_a_queued_job_and_time_out_a_running_one()
    {
        var queued = await QueueAsync();
        var running = await QueueAsync();
        await Json.PostAsync(Writer, $"/v1/tool-jobs/{running}/start", null);

        var cancelled = await Json.PostAsync(Writer, $"/v1/tool-jobs/{queued}/cancel", new { reason = "not needed" });
        var timedOut = await Json.PostAsync(Writer, $"/v1/tool-jobs/{running}/timeout", null);

        Assert.Equal(1, cancelled.GetProperty("eventsWritten").GetInt32());
        Assert.Equal(1, timedOut.GetProperty("eventsWritten").GetInt32());
    }

    [Fact]
    public async Task Output_for_a_queued_job_is_422_and_writes_nothing()
    {
        var jobId = await QueueAsync();
        var before = await Host.HeadAsync();

        using var response = await Writer.PostAsJsonAsync($"/v1/tool-jobs/{jobId}/output", new { stream = "Stderr", text = "early" });

        await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "tooljob.not_running");
        Assert.Equal(before, await Host.HeadAsync());
    }

    private async Task<Guid> QueueAsync()
    {
        var sessionId = await Host.CreateSessionAsync();
        var queued = await Json.PostAsync(Writer, "/v1/tool-jobs", new { sessionId, toolName = "shell", arguments = "{\"cmd\":\"ls\"}" }, HttpStatusCode.Created);
        return Guid.Parse(queued.GetProperty("stream").GetString()!["tooljob-".Length..]);
    }
}
