using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Canvas;

/// <summary>How exactly replay reproduced the canvases: every version whose recomputed state did not match the tape's hash.</summary>
/// <param name="Limit">At most this many mismatches are listed (the count covers all), 1 to 1000.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record CanvasIntegrityQuery(int Limit = 100, long? MinPosition = null) : IRequest<CanvasIntegrity>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CanvasProjection.ProjectionName];
}

/// <summary>The canvases' replay report.</summary>
/// <param name="Mismatches">How many versions did not reproduce their recorded state hash (0 when replay is exact).</param>
/// <param name="First">The first of them, by tape position.</param>
public sealed record CanvasIntegrity(long Mismatches, IReadOnlyList<CanvasHashMismatch> First);

/// <summary>Handles <see cref="CanvasIntegrityQuery"/>.</summary>
public sealed class CanvasIntegrityHandler(ReadModelStore readModels) : IRequestHandler<CanvasIntegrityQuery, CanvasIntegrity>
{
    /// <inheritdoc />
    /// <exception cref="Domain.Errors.ValidationException">The limit is out of range.</exception>
    public Task<CanvasIntegrity> Handle(CanvasIntegrityQuery request, CancellationToken cancellationToken)
    {
        if (request.Limit is < 1 or > 1000)
        {
            throw new Domain.Errors.ValidationException("limit", "must be from 1 to 1000");
        }

        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var count = ReadModelQueries.Rows(transaction, CanvasSql.CountMismatches, r => r.GetInt64(0));
        var first = ReadModelQueries.Rows(transaction, CanvasSql.SelectMismatches, CanvasSql.ReadMismatch, ("$limit", request.Limit));
        return Task.FromResult(new CanvasIntegrity(count is [var n] ? n : 0, first));
    }
}
