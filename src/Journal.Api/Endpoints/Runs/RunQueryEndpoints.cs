using Journal.Api.Endpoints.Queries;
using Journal.Projections.Querying;
using Journal.Projections.Runs;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Runs;

/// <summary>The runs read model: the runs of a session, one run, and time travel.</summary>
internal static class RunQueryEndpoints
{
    public static void MapRunQueries(this IEndpointRouteBuilder app)
    {
        app.QueryGroup("/v1/sessions", FeatureTags.Runs).MapGet("/{sessionId}/runs", ListRunsOfSession).WithName(nameof(ListRunsOfSession));
        var group = app.QueryGroup("/v1/runs", FeatureTags.Runs);
        group.MapGet("/", ListRecentRuns).WithName(nameof(ListRecentRuns));
        group.MapGet("/{runId}", GetRun).WithName(nameof(GetRun));
        group.MapGet("/{runId}/at", GetRunAt).WithName(nameof(GetRunAt));
    }

    /// <summary>List a session's runs</summary>
    /// <remarks>
    /// Newest first. Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<RunView>>> ListRunsOfSession(Guid sessionId, IMediator mediator, CancellationToken ct, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListRunsOfSessionQuery(sessionId, cursor, limit, minPosition), ct));

    /// <summary>List the latest runs</summary>
    /// <remarks>
    /// The latest runs across every session, newest first (by acceptance), with their status and tokens: <c>limit</c> 1 to
    /// 200 (default 30). Not paged: for a session's whole history, list its runs.
    /// </remarks>
    internal static async Task<Ok<IReadOnlyList<RunView>>> ListRecentRuns(IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListRecentRunsQuery(limit, minPosition), ct));

    /// <summary>Get a run</summary>
    /// <remarks>
    /// The run with its status, token counts and times, with the stream version it reflects as <c>ETag</c>.
    /// Answers from the read model alone (it does not wait unless given <c>minPosition</c>), with <c>ETag</c> and
    /// <c>X-Journal-Position</c> from the row.
    /// </remarks>
    internal static async Task<Ok<RunView>> GetRun(Guid runId, HttpContext http, IMediator mediator, CancellationToken ct, long? minPosition = null)
    {
        var run = await mediator.Send(new GetRunQuery(runId, minPosition), ct);
        ReadModelHeaders.Set(http, run.StreamVersion, run.LastPosition);
        return TypedResults.Ok(run);
    }

    /// <summary>Read a run as it was</summary>
    /// <remarks>
    /// Time travel: folds the run's stream up to <c>version</c> (its stream version) and/or <c>position</c> (a tape
    /// position); neither gives the current state. 404 when it did not exist yet at that point.
    /// </remarks>
    internal static async Task<Ok<RunView>> GetRunAt(Guid runId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetRunAtQuery(runId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));
}
