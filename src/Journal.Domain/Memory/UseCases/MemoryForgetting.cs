using Journal.Domain.Commands;
using Journal.Domain.Tape;

namespace Journal.Domain.Memory.UseCases;

/// <summary>What forgetting did.</summary>
/// <param name="Forgotten">Items that got a <see cref="MemoryItemForgotten"/> event now.</param>
/// <param name="ErasedPayloads">Tape payloads erased now.</param>
/// <param name="EventsWritten">Events appended (forgotten events and erasure records).</param>
/// <param name="Position">The highest tape position written (0 when nothing was).</param>
public sealed record MemoryForgetOutcome(IReadOnlyList<Guid> Forgotten, int ErasedPayloads, int EventsWritten, long Position);

/// <summary>
/// Forgetting, shared by delete, purge and retention: for each item, a <see cref="MemoryItemForgotten"/>
/// event (appended in batches, one transaction each), then the payloads of the item's other events
/// erased from the tape. The forgotten events come first so that the read model drops the items even
/// if the erasure is cut short; forgetting again finishes the erasure (the decider writes nothing for
/// an item forgotten already, and payloads erased before are skipped).
/// </summary>
public static class MemoryForgetting
{
    /// <summary>Items per append transaction.</summary>
    public const int BatchSize = 500;

    private const string ForgottenType = "memory.item_forgotten.v1";

    /// <summary>Forgets <paramref name="itemIds"/> (items that do not exist are skipped).</summary>
    public static async Task<MemoryForgetOutcome> ForgetAsync(
        IAggregateStore aggregates, IEventStore tape, IReadOnlyList<Guid> itemIds, string reason, ICommand command, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(command);
        var forgotten = new List<Guid>();
        var erased = 0;
        var written = 0;
        var position = 0L;

        // Several appends and erasures cannot share one idempotency record: forgetting is idempotent by
        // itself (forgetting again writes nothing new), so the batches go without the key.
        var batchCommand = new ForgetBatch(reason) { Context = (command.Context ?? CommandContext.None) with { IdempotencyKey = null } };
        var metadata = new EventMetadata(batchCommand.Context.Actor, batchCommand.Context.Principal, batchCommand.Context.CorrelationId, batchCommand.Context.CausationId);
        foreach (var chunk in itemIds.Distinct().Chunk(BatchSize))
        {
            var changes = new List<AggregateChange>();
            var existing = new List<Guid>();
            foreach (var itemId in chunk)
            {
                var stream = MemoryItemDecider.StreamFor(itemId);
                var loaded = await aggregates.LoadAsync<MemoryItemState, IMemoryItemEvent>(stream, MemoryItemDecider.Initial, MemoryItemDecider.Evolve, ct).ConfigureAwait(false);
                if (!loaded.State.Exists)
                {
                    continue;
                }

                existing.Add(itemId);
                var events = MemoryItemDecider.Decide(new ForgetMemoryItem(itemId, reason, now), loaded.State);
                if (events.Count > 0)
                {
                    changes.Add(new AggregateChange(stream, loaded.Version, [.. events], Deciding.Fold.All(loaded.State, events, MemoryItemDecider.Evolve)));
                    forgotten.Add(itemId);
                }
            }

            if (changes.Count > 0)
            {
                var saved = await aggregates.SaveAsync(changes, batchCommand, ct).ConfigureAwait(false);
                written += changes.Count;
                position = Math.Max(position, saved.Position);
            }

            var seqs = new List<long>();
            foreach (var itemId in existing)
            {
                seqs.AddRange(await ErasableAsync(tape, MemoryItemDecider.StreamFor(itemId), ct).ConfigureAwait(false));
            }

            if (seqs.Count > 0)
            {
                var erasure = await tape.ErasePayloadsAsync(seqs, "memory." + reason, metadata, ct).ConfigureAwait(false);
                erased += erasure.Erased.Count;
                written++;
                position = Math.Max(position, erasure.Position);
            }
        }

        return new MemoryForgetOutcome(forgotten, erased, written, position);
    }

    private static async Task<List<long>> ErasableAsync(IEventStore tape, StreamId stream, CancellationToken ct)
    {
        var seqs = new List<long>();
        var from = 1L;
        while (true)
        {
            var slice = await tape.ReadStreamAsync(stream, from, ReadDirection.Forward, 500, ct).ConfigureAwait(false);
            seqs.AddRange(slice.Events.Where(e => !e.IsErased && e.EventType != ForgottenType).Select(e => e.Seq));
            if (slice.NextVersion is not { } next)
            {
                return seqs;
            }

            from = next;
        }
    }

    /// <summary>The command a batch of forgetting is saved under (its context travels into the events' metadata).</summary>
    private sealed record ForgetBatch(string Reason) : ICommand
    {
        public CommandContext Context { get; init; } = CommandContext.None;
    }
}
