using Journal.Api.Endpoints.Commands;
using Journal.Api.Http.OpenApi;
using Journal.Domain.ToolJobs;
using Journal.Domain.ToolJobs.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.ToolJobs;

/// <summary>Tool job commands: queue, start, output, complete, fail, cancel, time out, retry.</summary>
internal static class ToolJobCommandEndpoints
{
    public static void MapToolJobCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/tool-jobs", FeatureTags.ToolJobs);
        group.MapPost("/", QueueToolJob).WithName(nameof(QueueToolJob));
        group.MapPost("/{jobId}/start", StartToolJob).WithName(nameof(StartToolJob));
        group.MapPost("/{jobId}/output", AppendToolJobOutput).WithName(nameof(AppendToolJobOutput));
        group.MapPost("/{jobId}/complete", CompleteToolJob).WithName(nameof(CompleteToolJob));
        group.MapPost("/{jobId}/fail", FailToolJob).WithName(nameof(FailToolJob));
        group.MapPost("/{jobId}/cancel", CancelToolJob).WithName(nameof(CancelToolJob));
        group.MapPost("/{jobId}/timeout", TimeOutToolJob).WithName(nameof(TimeOutToolJob));
        group.MapPost("/{jobId}/retry", RetryToolJob).WithName(nameof(RetryToolJob))
            .WithMetadata(new RequiredHeader(CommandDispatch.IdempotencyKeyHeader, "The retry's own key (1 to 200 characters): sent twice, one attempt.", "retry-1"));
    }

    /// <summary>Queue a tool job</summary>
    /// <remarks>
    /// A call of a tool for a session (and optionally a run), with its arguments. Answers 201 with <c>Location</c>.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> QueueToolJob(QueueToolJobBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http, null, context => new QueueToolJobRequest(body.JobId, body.SessionId, body.ToolName, body.RunId, body.Arguments) { Context = context }, ct);
        return TypedResults.Created($"/v1/tool-jobs/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Start a tool job</summary>
    /// <remarks>
    /// Moves a queued job to running.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> StartToolJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new StartToolJobRequest(jobId) { Context = context }, ct));

    /// <summary>Append a tool job's output</summary>
    /// <remarks>
    /// A chunk of a running job's <c>Stdout</c> or <c>Stderr</c>, redacted before it is written. The tape keeps the
    /// chunk whole; the job keeps a tail of at most <c>maxTailBytes</c>.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> AppendToolJobOutput(Guid jobId, AppendToolJobOutputBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, ToolJobDecider.StreamFor(jobId), context => new AppendToolJobOutputRequest(jobId, body.Stream, body.Text, body.MaxTailBytes) { Context = context }, ct));

    /// <summary>Complete a tool job</summary>
    /// <remarks>
    /// Ends a running job as succeeded, with an optional exit code.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> CompleteToolJob(Guid jobId, CompleteToolJobBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new CompleteToolJobRequest(jobId, body?.ExitCode) { Context = context }, ct));

    /// <summary>Fail a tool job</summary>
    /// <remarks>
    /// Ends a running job as failed, with the reason and an optional exit code; a failed job may be retried.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> FailToolJob(Guid jobId, FailToolJobBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new FailToolJobRequest(jobId, body.Reason, body.ExitCode) { Context = context }, ct));

    /// <summary>Cancel a tool job</summary>
    /// <remarks>
    /// Cancels a queued or running job, with an optional reason.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> CancelToolJob(Guid jobId, CancelToolJobBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new CancelToolJobRequest(jobId, body?.Reason) { Context = context }, ct));

    /// <summary>Time out a tool job</summary>
    /// <remarks>
    /// Marks a running job as timed out; a timed-out job may be retried.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> TimeOutToolJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new TimeOutToolJobRequest(jobId) { Context = context }, ct));

    /// <summary>Retry a tool job</summary>
    /// <remarks>
    /// Queues a failed or timed-out job again for a new attempt. The request's <c>Idempotency-Key</c> (required) is
    /// the retry's own key: the same key twice starts one attempt, even after the job failed again.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> RetryToolJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, ToolJobDecider.StreamFor(jobId), context => new RetryToolJobRequest(jobId, context.IdempotencyKey) { Context = context }, ct));
}
