using System.Text.Json.Nodes;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Canvas;

/// <summary>One canvas with its latest state.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetCanvasQuery(Guid CanvasId, long? MinPosition = null) : IRequest<CanvasView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CanvasProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetCanvasQuery"/>.</summary>
public sealed class GetCanvasHandler(ReadModelStore readModels) : IRequestHandler<GetCanvasQuery, CanvasView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>canvas.not_found</c>: no such canvas in the read model.</exception>
    public Task<CanvasView> Handle(GetCanvasQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.CanvasId);
        using var session = readModels.RentReader();
        var found = ReadModelQueries.Rows(session, CanvasSql.SelectCanvas, CanvasSql.ReadRowWithState, ("$canvas_id", id));
        return found is [var (row, state)]
            ? Task.FromResult(new CanvasView(row, JsonNode.Parse(state)!.AsObject()))
            : throw new NotFoundException("canvas", id);
    }
}
