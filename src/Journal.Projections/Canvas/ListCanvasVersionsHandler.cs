using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Canvas;

/// <summary>Lists the versions of a canvas, newest first: who made each and when, without states.</summary>
/// <param name="Cursor">The <see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to <see cref="PageCursor.MaxLimit"/> (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListCanvasVersionsQuery(Guid CanvasId, string? Cursor = null, int? Limit = null, long? MinPosition = null)
    : IRequest<Page<CanvasVersionRow>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CanvasProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListCanvasVersionsQuery"/>.</summary>
public sealed class ListCanvasVersionsHandler(ReadModelStore readModels) : IRequestHandler<ListCanvasVersionsQuery, Page<CanvasVersionRow>>
{
    private static readonly VersionListing<CanvasVersionRow> Versions = new("canvas.versions", "canvas", CanvasSql.SelectVersions, CanvasSql.ReadVersion, v => v.Version);

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor or limit.</exception>
    /// <exception cref="NotFoundException"><c>canvas.not_found</c>: no such canvas in the read model.</exception>
    public Task<Page<CanvasVersionRow>> Handle(ListCanvasVersionsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(Versions.Read(readModels, request.CanvasId, request.Cursor, request.Limit));
}
