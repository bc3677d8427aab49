using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Canvas;

/// <summary>One canvas without its state: what a conditional <c>GET</c> needs to answer "not modified" without reading the state.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetCanvasRowQuery(Guid CanvasId, long? MinPosition = null) : IRequest<CanvasRow>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CanvasProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetCanvasRowQuery"/>.</summary>
public sealed class GetCanvasRowHandler(ReadModelStore readModels) : IRequestHandler<GetCanvasRowQuery, CanvasRow>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>canvas.not_found</c>: no such canvas in the read model.</exception>
    public Task<CanvasRow> Handle(GetCanvasRowQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.CanvasId);
        using var session = readModels.RentReader();
        return Task.FromResult(ReadModelQueries.Row(session, CanvasSql.SelectCanvasRow, CanvasSql.ReadRow, ("$canvas_id", id)) ?? throw new NotFoundException("canvas", id));
    }
}
