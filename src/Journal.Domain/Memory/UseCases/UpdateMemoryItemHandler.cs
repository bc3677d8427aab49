using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Memory.UseCases;

/// <summary>Changes a live item's tags and/or confidence; null leaves a field as it is.</summary>
/// <param name="Tags">The new tags (replacing the old ones), or null.</param>
/// <param name="Confidence">The new confidence, 0 to 1, or null.</param>
public sealed record UpdateMemoryItemRequest(Guid ItemId, IReadOnlyList<string>? Tags = null, double? Confidence = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="UpdateMemoryItemRequest"/>.</summary>
public sealed class UpdateMemoryItemHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<UpdateMemoryItemRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(UpdateMemoryItemRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, MemoryItemDecider.Value, new UpdateMemoryItem(request.ItemId, request.Tags, request.Confidence, time.GetUtcNow()), cancellationToken);
}
