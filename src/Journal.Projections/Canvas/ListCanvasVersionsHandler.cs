using System.Globalization;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Canvas;

/// <summary>Lists the versions of a canvas, newest first: who made each and when, without states.</summary>
/// <param name="CanvasId">The canvas.</param>
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
    private const string Listing = "canvas.versions";

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor or limit.</exception>
    /// <exception cref="NotFoundException"><c>canvas.not_found</c>: no such canvas in the read model.</exception>
    public Task<Page<CanvasVersionRow>> Handle(ListCanvasVersionsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var id = ReadModelValues.Id(request.CanvasId);
        var before = PageCursor.BeforeVersion(request.Cursor, Listing, id);

        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var rows = ReadModelQueries.Rows(
            transaction,
            CanvasSql.SelectVersions,
            CanvasSql.ReadVersion,
            ("$canvas_id", id),
            ("$before_version", before),
            ("$limit", limit + 1));
        if (rows.Count == 0 && before is null)
        {
            throw new NotFoundException("canvas", id);
        }

        return Task.FromResult(ReadModelQueries.ToPage(rows, limit, Listing, v => [id, v.Version.ToString(CultureInfo.InvariantCulture)]));
    }
}
