using Journal.Domain.Commands;
using Journal.Domain.Tape;
using MediatR;

namespace Journal.Domain.Memory.UseCases;

/// <summary>
/// Forgets one item for good: appends <see cref="MemoryItemForgotten"/> and erases the payloads of the
/// item's earlier events from the tape (the chain still verifies). Deleting an item forgotten already
/// only finishes an erasure a crash may have cut short. An idempotency key is accepted but not
/// recorded (the append and the erasure after it cannot share one record): a retried delete is
/// harmless and writes nothing.
/// </summary>
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
        var forgetting = request with { Context = MemoryForgetting.WithoutKey(request.Context) };
        var forget = new ForgetMemoryItem(request.ItemId, MemoryForgetReasons.Deleted, time.GetUtcNow());
        var result = await aggregates.ExecuteAsync(forgetting, MemoryItemDecider.Value, forget, cancellationToken);

        // After the append, as the erasure is no decision: it runs again on every delete until nothing is left.
        var erasure = await MemoryForgetting.EraseAsync(tape, [request.ItemId], MemoryForgetReasons.Deleted, forgetting.Context, cancellationToken);
        return result with { Position = Math.Max(result.Position, erasure.Position), EventsWritten = result.EventsWritten + erasure.Records };
    }
}
