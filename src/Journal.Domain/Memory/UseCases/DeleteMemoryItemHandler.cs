using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Domain.Memory.UseCases;

/// <summary>
/// Forgets one item for good: appends <see cref="MemoryItemForgotten"/> and erases the payloads of the
/// item's earlier events from the tape (the chain still verifies). Deleting an item forgotten already
/// only finishes an erasure a crash may have cut short. An idempotency key is accepted but not
/// recorded (the forgetting is saved in batches that cannot share one record): a retried delete is
/// harmless and writes nothing.
/// </summary>
/// <param name="ItemId">The item.</param>
public sealed record DeleteMemoryItemRequest(Guid ItemId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="DeleteMemoryItemRequest"/>.</summary>
public sealed class DeleteMemoryItemHandler(IAggregateStore aggregates, IEventStore tape, TimeProvider time) : IRequestHandler<DeleteMemoryItemRequest, CommandResult>
{
    /// <inheritdoc />
    /// <exception cref="Errors.NotFoundException"><c>memory_item.not_found</c>: no such item was added.</exception>
    public async Task<CommandResult> Handle(DeleteMemoryItemRequest request, CancellationToken cancellationToken)
    {
        var stream = MemoryItemDecider.StreamFor(request.ItemId);
        var loaded = await aggregates.LoadAsync<MemoryItemState, IMemoryItemEvent>(stream, MemoryItemDecider.Initial, MemoryItemDecider.Evolve, cancellationToken);
        if (!loaded.State.Exists)
        {
            throw Refuse.NotFound("memory_item", request.ItemId);
        }

        var outcome = await MemoryForgetting.ForgetAsync(aggregates, tape, [request.ItemId], MemoryForgetReasons.Deleted, request, time.GetUtcNow(), cancellationToken);
        var version = await tape.ReadStreamVersionAsync(stream, cancellationToken);
        return new CommandResult(stream.Value, version, Math.Max(outcome.Position, loaded.Position), outcome.EventsWritten);
    }
}
