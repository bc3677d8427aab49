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
        var group = app.CommandGroup("/v1/runs", "Runs");
        group.MapPost("/", AcceptRun).WithName(nameof(AcceptRun));
        group.MapPost("/{runId}/start", StartRun).WithName(nameof(StartRun));
        group.MapPost("/{runId}/complete", CompleteRun).WithName(nameof(CompleteRun));
        group.MapPost("/{runId}/fail", FailRun).WithName(nameof(FailRun));
        group.MapPost("/{runId}/cancel", CancelRun).WithName(nameof(CancelRun));
        group.MapPost("/{runId}/cancel-request", RequestRunCancel).WithName(nameof(RequestRunCancel));
        group.MapPost("/{runId}/tokens", RecordRunTokens).WithName(nameof(RecordRunTokens));
    }

    internal static async Task<Created<CommandResponse>> AcceptRun(AcceptRunBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http, null, context => new AcceptRunRequest(body.RunId, body.SessionId, body.Kind, body.ParentRunId) { Context = context }, ct);
        return TypedResults.Created($"/v1/runs/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    internal static async Task<Ok<CommandResponse>> StartRun(Guid runId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new StartRunRequest(runId) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> CompleteRun(Guid runId, CompleteRunBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new CompleteRunRequest(runId, body?.Summary) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> FailRun(Guid runId, FailRunBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new FailRunRequest(runId, body.Reason) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> CancelRun(Guid runId, CancelRunBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new CancelRunRequest(runId, body?.Reason) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> RequestRunCancel(Guid runId, RequestRunCancelBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(http, RunDecider.StreamFor(runId), context => new RequestRunCancelRequest(runId, body?.RequestedBy) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> RecordRunTokens(Guid runId, RecordRunTokensBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, RunDecider.StreamFor(runId), context => new RecordRunTokenUsageRequest(runId, body.InputTokens, body.OutputTokens) { Context = context }, ct));
}
