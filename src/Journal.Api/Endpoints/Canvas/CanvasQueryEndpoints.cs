using Journal.Api.Endpoints.Commands;
using Journal.Api.Endpoints.Queries;
using Journal.Projections.Canvas;
using Journal.Projections.Querying;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Canvas;

/// <summary>The canvas read model: the canvases, latest state (with <c>ETag</c>), state at a version, versions, replay integrity, live patches.</summary>
internal static class CanvasQueryEndpoints
{
    public static void MapCanvasQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/canvases", FeatureTags.Canvas);
        group.MapGet(string.Empty, ListCanvases).WithName(nameof(ListCanvases));
        group.MapGet("/integrity", GetCanvasIntegrity).WithName(nameof(GetCanvasIntegrity));
        group.MapGet("/{canvasId}", GetCanvas).WithName(nameof(GetCanvas)).Produces(StatusCodes.Status304NotModified);
        group.MapGet("/{canvasId}/versions", ListCanvasVersions).WithName(nameof(ListCanvasVersions));
        group.MapGet("/{canvasId}/versions/{version}", GetCanvasAtVersion).WithName(nameof(GetCanvasAtVersion));
        group.MapGet("/{canvasId}/stream", CanvasTail.StreamAsync).WithName("StreamCanvasPatches").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    /// <summary>List canvases</summary>
    /// <remarks>
    /// Every canvas without its state (its session, version, state hash, times), by id descending: newest first
    /// for the ids the journal picks. Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<CanvasRow>>> ListCanvases(IMediator mediator, CancellationToken ct, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListCanvasesQuery(cursor, limit, minPosition), ct));

    /// <summary>Get a canvas</summary>
    /// <remarks>
    /// The canvas and its latest state (in canonical form), with the version the read model holds as <c>ETag</c>
    /// and <c>X-Journal-Position</c> from its row (no wait unless given <c>minPosition</c>). <c>If-None-Match</c>
    /// naming that version answers 304 without reading the state.
    /// </remarks>
    internal static async Task<Results<Ok<CanvasView>, StatusCodeHttpResult>> GetCanvas(
        Guid canvasId, HttpContext http, IMediator mediator, CancellationToken ct, long? minPosition = null)
    {
        if (ETags.Parse(http.Request.Headers.IfNoneMatch.ToString()) is { } known)
        {
            var row = await mediator.Send(new GetCanvasRowQuery(canvasId, minPosition), ct);
            if (known.Accepts(row.Version))
            {
                ReadModelHeaders.Set(http, row.Version, row.LastPosition);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        var canvas = await mediator.Send(new GetCanvasQuery(canvasId, minPosition), ct);
        ReadModelHeaders.Set(http, canvas.Canvas.Version, canvas.Canvas.LastPosition);
        return TypedResults.Ok(canvas);
    }

    /// <summary>Read a canvas at a version</summary>
    /// <remarks>
    /// Time travel: the state at <c>version</c>, rebuilt from the nearest snapshot at or before it and the patches
    /// after it (<c>patchesApplied</c> says how many). 404 <c>canvas_version.not_found</c>.
    /// </remarks>
    internal static async Task<Ok<CanvasAtVersion>> GetCanvasAtVersion(Guid canvasId, long version, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetCanvasAtVersionQuery(canvasId, version, minPosition), ct));

    /// <summary>List a canvas's versions</summary>
    /// <remarks>
    /// Newest first, without states: each version's kind (<c>created</c>, <c>patched</c>, <c>restored</c>), state
    /// hash, who made it and when. Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<CanvasVersionRow>>> ListCanvasVersions(
        Guid canvasId, IMediator mediator, CancellationToken ct, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListCanvasVersionsQuery(canvasId, cursor, limit, minPosition), ct));

    /// <summary>List canvas versions that failed replay</summary>
    /// <remarks>
    /// Canvas versions whose recomputed state did not reproduce the state hash on the tape: how many, and the first
    /// <c>limit</c> (1 to 1000, default 100) with the hashes and the reason.
    /// </remarks>
    internal static async Task<Ok<CanvasIntegrity>> GetCanvasIntegrity(IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new CanvasIntegrityQuery(limit ?? 100, minPosition), ct));
}
