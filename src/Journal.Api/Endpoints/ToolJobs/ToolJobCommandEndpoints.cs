using Journal.Api.Endpoints.Commands;
using Journal.Domain.ToolJobs;
using Journal.Domain.ToolJobs.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.ToolJobs;

/// <summary>Tool job commands: queue, start, output, complete, fail, cancel, time out, retry.</summary>
internal static class ToolJobCommandEndpoints
{
    public static void MapToolJobCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/tool-jobs", "Tool jobs");
        group.MapPost("/", QueueToolJob).WithName(nameof(QueueToolJob));
        group.MapPost("/{jobId}/start", StartToolJob).WithName(nameof(StartToolJob));
        group.MapPost("/{jobId}/output", AppendToolJobOutput).WithName(nameof(AppendToolJobOutput));
        group.MapPost("/{jobId}/complete", CompleteToolJob).WithName(nameof(CompleteToolJob));
        group.MapPost("/{jobId}/fail", FailToolJob).WithName(nameof(FailToolJob));
        group.MapPost("/{jobId}/cancel", CancelToolJob).WithName(nameof(CancelToolJob));
        group.MapPost("/{jobId}/timeout", TimeOutToolJob).WithName(nameof(TimeOutToolJob));
        group.MapPost("/{jobId}/retry", RetryToolJob).WithName(nameof(RetryToolJob));
    }

    internal static async Task<Created<CommandResponse>> QueueToolJob(QueueToolJobBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http, null, context => new QueueToolJobRequest(body.JobId, body.SessionId, body.ToolName, body.RunId, body.Arguments) { Context = context }, ct);
        return TypedResults.Created($"/v1/tool-jobs/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    internal static async Task<Ok<CommandResponse>> StartToolJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new StartToolJobRequest(jobId) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> AppendToolJobOutput(Guid jobId, AppendToolJobOutputBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, ToolJobDecider.StreamFor(jobId), context => new AppendToolJobOutputRequest(jobId, body.Stream, body.Text, body.MaxTailBytes) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> CompleteToolJob(Guid jobId, CompleteToolJobBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new CompleteToolJobRequest(jobId, body?.ExitCode) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> FailToolJob(Guid jobId, FailToolJobBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new FailToolJobRequest(jobId, body.Reason, body.ExitCode) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> CancelToolJob(Guid jobId, CancelToolJobBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new CancelToolJobRequest(jobId, body?.Reason) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> TimeOutToolJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, ToolJobDecider.StreamFor(jobId), context => new TimeOutToolJobRequest(jobId) { Context = context }, ct));

    /// <summary>The retry's key is the request's <c>Idempotency-Key</c> header (required): the same key twice starts one attempt.</summary>
    internal static async Task<Ok<CommandResponse>> RetryToolJob(Guid jobId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, ToolJobDecider.StreamFor(jobId), context => new RetryToolJobRequest(jobId, context.IdempotencyKey) { Context = context }, ct));
}
