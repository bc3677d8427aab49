using System.Globalization;
using System.Text.Json.Nodes;
using Journal.Domain.Canvas.Patching;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Canvas;

/// <summary>A canvas's state as of one version: the nearest snapshot at or before it, plus the patches after that snapshot.</summary>
/// <param name="Version">The version, from 1.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetCanvasAtVersionQuery(Guid CanvasId, long Version, long? MinPosition = null) : IRequest<CanvasAtVersion>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CanvasProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetCanvasAtVersionQuery"/>.</summary>
public sealed class GetCanvasAtVersionHandler(ReadModelStore readModels) : IRequestHandler<GetCanvasAtVersionQuery, CanvasAtVersion>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>canvas_version.not_found</c>: no such canvas or version in the read model.</exception>
    public Task<CanvasAtVersion> Handle(GetCanvasAtVersionQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.CanvasId);
        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var hash = ReadModelQueries.Rows(transaction, CanvasSql.SelectVersionHash, r => r.GetString(0), ("$canvas_id", id), ("$version", request.Version));
        var snapshot = ReadModelQueries.Rows(
            transaction, CanvasSql.SelectSnapshotAtOrBefore, r => (Version: r.GetInt64(0), State: r.GetString(1)), ("$canvas_id", id), ("$version", request.Version));
        if (hash is not [var stateSha256] || snapshot is not [var (snapshotVersion, snapshotState)])
        {
            throw new NotFoundException("canvas_version", $"{id}@{request.Version.ToString(CultureInfo.InvariantCulture)}");
        }

        var patches = ReadModelQueries.Rows(
            transaction, CanvasSql.SelectPatchesBetween, r => r.IsDBNull(2) ? null : r.GetString(2), ("$canvas_id", id), ("$after_version", snapshotVersion), ("$version", request.Version));
        JsonNode state = JsonNode.Parse(snapshotState)!;
        foreach (var patch in patches)
        {
            // Only patches lie between snapshots: creations and restores are snapshots themselves.
            if (patch is not null)
            {
                // The state was just parsed and is thrown away on failure: no copy per patch.
                state = JsonPatch.Parse(JsonNode.Parse(patch)).ApplyInPlace(state)!;
            }
        }

        return Task.FromResult(new CanvasAtVersion(request.CanvasId, request.Version, stateSha256, snapshotVersion, patches.Count, state.AsObject()));
    }
}
