using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Canvas;

/// <summary>The canvases, without their states, by id descending (newest first for the journal's version 7 ids).</summary>
/// <param name="Cursor">Where the previous page ended.</param>
/// <param name="Limit">Page size.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListCanvasesQuery(string? Cursor = null, int? Limit = null, long? MinPosition = null) : IRequest<Page<CanvasRow>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CanvasProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListCanvasesQuery"/>.</summary>
public sealed class ListCanvasesHandler(ReadModelStore readModels) : IRequestHandler<ListCanvasesQuery, Page<CanvasRow>>
{
    private const string Listing = "canvases";

    /// <inheritdoc />
    public Task<Page<CanvasRow>> Handle(ListCanvasesQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var after = PageCursor.Decode(request.Cursor, Listing, 1);
        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(connection, CanvasSql.SelectCanvases, CanvasSql.ReadRow, ("$before_id", after?[0]), ("$limit", limit + 1));
        return Task.FromResult(ReadModelQueries.ToPage(rows, limit, Listing, c => [ReadModelValues.Id(c.CanvasId)]));
    }
}
