using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Memory;

/// <summary>One live item, with its vector's provenance. An expired or forgotten item is not found.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetMemoryItemQuery(Guid ItemId, long? MinPosition = null) : IRequest<MemoryItemView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [MemoryProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetMemoryItemQuery"/>.</summary>
public sealed class GetMemoryItemHandler(ReadModelStore readModels, TimeProvider time) : IRequestHandler<GetMemoryItemQuery, MemoryItemView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>memory_item.not_found</c>.</exception>
    public Task<MemoryItemView> Handle(GetMemoryItemQuery request, CancellationToken cancellationToken)
    {
        using var connection = readModels.OpenReader();
        var item = ReadModelQueries.Row(connection, MemorySql.SelectItem, MemoryItemRows.Read, ("$item_id", ReadModelValues.Id(request.ItemId)));
        if (item is null || item.ExpiresAt <= time.GetUtcNow())
        {
            throw new NotFoundException("memory_item", ReadModelValues.Id(request.ItemId));
        }

        return Task.FromResult(item);
    }
}
