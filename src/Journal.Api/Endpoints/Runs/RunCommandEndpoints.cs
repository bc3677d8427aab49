using Journal.Api.Endpoints.Commands;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Runs;

/// <summary>Run commands: accept, start, complete, fail, cancel, request a cancel, record tokens.</summary>
internal static class RunCommandEndpoints
{
    public static void MapRunCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/runs", FeatureTags.Runs);
        group.MapPost("/", AcceptRun).WithName(nameof(AcceptRun));
        group.MapPost("/{runId}/start", StartRun).WithName(nameof(StartRun));
        group.MapPost("/{runId}/complete", CompleteRun).WithName(nameof(CompleteRun));
        group.MapPost("/{runId}/fail", FailRun).WithName(nameof(FailRun));
        group.MapPost("/{runId}/cancel", CancelRun).WithName(nameof(CancelRun));
        group.MapPost("/{runId}/cancel-request", RequestRunCancel).WithName(nameof(RequestRunCancel));
        group.MapPost("/{runId}/tokens", RecordRunTokens).WithName(nameof(RecordRunTokens));
    }

    /// <summary>Accept a run</summary>
    /// <remarks>
    /// A run of an agent in a session: <c>Foreground</c>, <c>Background</c> or <c>Delegated</c> (under a parent run).
    /// A second active foreground run in a session is 422 <c>run.already_active</c>. Answers 201 with
    /// <c>Location</c>.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> AcceptRun(AcceptRunBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http, null, context => new AcceptRunRequest(body.RunId, body.SessionId, body.Kind, body.ParentRunId) { Context = context }, ct);
        return TypedResults.Created($"/v1/runs/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Start a run</summary>
    /// <remarks>
    /// Moves an accepted run to in progress.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> StartRun(Guid runId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new StartRunRequest(runId) { Context = context }, ct));

    /// <summary>Complete a run</summary>
    /// <remarks>
    /// Ends a run in progress as succeeded, with an optional summary; refused once a cancel was requested.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> CompleteRun(Guid runId, CompleteRunBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new CompleteRunRequest(runId, body?.Summary) { Context = context }, ct));

    /// <summary>Fail a run</summary>
    /// <remarks>
    /// Ends an active run as failed, with the reason.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> FailRun(Guid runId, FailRunBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new FailRunRequest(runId, body.Reason) { Context = context }, ct));

    /// <summary>Cancel a run</summary>
    /// <remarks>
    /// Ends an active run as cancelled (it has stopped), with an optional reason; a foreground run is detached from
    /// its session.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> CancelRun(Guid runId, CancelRunBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new CancelRunRequest(runId, body?.Reason) { Context = context }, ct));

    /// <summary>Ask a run to stop</summary>
    /// <remarks>
    /// Marks an active run as asked to cancel; from then on it can only be cancelled or fail. Asking again writes
    /// nothing.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> RequestRunCancel(Guid runId, RequestRunCancelBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new RequestRunCancelRequest(runId, body?.RequestedBy) { Context = context }, ct));

    /// <summary>Record a run's token usage</summary>
    /// <remarks>
    /// The input and output tokens an active run used since its last record; the run keeps the totals.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> RecordRunTokens(Guid runId, RecordRunTokensBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, RunDecider.StreamFor(runId), context => new RecordRunTokenUsageRequest(runId, body.InputTokens, body.OutputTokens) { Context = context }, ct));
}
