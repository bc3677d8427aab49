using Journal.Domain.Commands;
using Journal.Domain.Deciding;
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

    /// <summary>Forgets <paramref name="itemIds"/> (items that do not exist are skipped): one store call per batch, each followed by its erasure.</summary>
    public static async Task<MemoryForgetOutcome> ForgetAsync(
        IAggregateStore aggregates, IEventStore tape, IReadOnlyList<Guid> itemIds, string reason, ICommand command, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(command);
        var batch = new ForgetBatch(reason) { Context = WithoutKey(command.Context) };
        var forgotten = new List<Guid>();
        var erased = 0;
        var written = 0;
        var position = 0L;
        foreach (var chunk in itemIds.Distinct().Chunk(BatchSize))
        {
            List<Guid> existing = [];
            List<Guid> forgottenNow = [];
            var saved = await aggregates.ExecuteAsync(batch, MemoryItemDecider.StreamFor(chunk[0]), async (load, token) =>
            {
                // The store decides again after a lost race: the lists then describe the decision it appends.
                existing.Clear();
                forgottenNow.Clear();
                var changes = new List<AggregateChange>();
                foreach (var itemId in chunk)
                {
                    if (!(await load.LoadAsync(MemoryItemDecider.Value, MemoryItemDecider.StreamFor(itemId), token)).State.Exists)
                    {
                        continue;
                    }

                    existing.Add(itemId);
                    if (await load.DecideAsync(MemoryItemDecider.Value, new ForgetMemoryItem(itemId, reason, now), token) is { } change)
                    {
                        changes.Add(change);
                        forgottenNow.Add(itemId);
                    }
                }

                return changes;
            }, ct).ConfigureAwait(false);
            if (saved.EventsWritten > 0)
            {
                written += saved.EventsWritten;
                position = Math.Max(position, saved.Position);
            }

            forgotten.AddRange(forgottenNow);
            var erasure = await EraseAsync(tape, existing, reason, batch.Context, ct).ConfigureAwait(false);
            erased += erasure.Erased;
            written += erasure.Records;
            position = Math.Max(position, erasure.Position);
        }

        return new MemoryForgetOutcome(forgotten, erased, written, position);
    }

    /// <summary>
    /// Erases the payloads of the events of <paramref name="itemIds"/> but their forgotten events, in one
    /// erasure record (none when nothing is left to erase).
    /// </summary>
    /// <returns>Payloads erased, erasure records written (0 or 1) and the record's position (0 when none).</returns>
    public static async Task<(int Erased, int Records, long Position)> EraseAsync(IEventStore tape, IReadOnlyList<Guid> itemIds, string reason, CommandContext? context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(itemIds);
        var seqs = new List<long>();
        foreach (var itemId in itemIds)
        {
            seqs.AddRange(await ErasableAsync(tape, MemoryItemDecider.StreamFor(itemId), ct).ConfigureAwait(false));
        }

        if (seqs.Count == 0)
        {
            return (0, 0, 0);
        }

        context ??= CommandContext.None;
        var metadata = new EventMetadata(context.Actor, context.Principal, context.CorrelationId, context.CausationId);
        var erasure = await tape.ErasePayloadsAsync(seqs, "memory." + reason, metadata, ct).ConfigureAwait(false);
        return (erasure.Erased.Count, 1, erasure.Position);
    }

    /// <summary>
    /// The context forgetting runs under: the caller's, without its idempotency key. Forgetting is idempotent
    /// by itself (forgetting again writes nothing new), and its appends and erasures cannot share one record.
    /// </summary>
    public static CommandContext WithoutKey(CommandContext? context) => (context ?? CommandContext.None) with { IdempotencyKey = null };

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

    /// <summary>The command a batch of forgetting runs as (its context travels into the events' metadata).</summary>
    private sealed record ForgetBatch(string Reason) : ICommand
    {
        public CommandContext Context { get; init; } = CommandContext.None;
    }
}
