namespace Journal.Domain.Tape;

/// <summary>
/// The tape: an append-only, hash-chained log of events in streams. The only source of truth.
/// </summary>
public interface IEventStore
{
    /// <summary>Positions committed to the tape, published after each commit (the highest seq of the commit).</summary>
    IObservable<long> Committed { get; }

    /// <summary>
    /// Appends <paramref name="events"/> to one stream, all or nothing.
    /// </summary>
    /// <exception cref="Errors.WrongExpectedVersionException">The stream is not at <paramref name="expected"/>.</exception>
    /// <exception cref="Errors.EventIdConflictException">An event id is on the tape already with other content.</exception>
    Task<AppendResult> AppendAsync(StreamId stream, ExpectedVersion expected, IReadOnlyList<EventData> events, EventMetadata metadata, CancellationToken ct);

    /// <summary>Appends to several streams, each with its own expectation, in one transaction.</summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct);

    /// <summary>Reads a page of one stream from <paramref name="fromVersion"/> (inclusive).</summary>
    Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct);

    /// <summary>Reads the whole tape from <paramref name="fromSeq"/> (inclusive), in batches, in constant memory.</summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, CancellationToken ct);

    /// <summary>The newest position and hash.</summary>
    Task<TapeHead> ReadHeadAsync(CancellationToken ct);

    /// <summary>The event with this id, or null when the tape has none.</summary>
    Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct);

    /// <summary>The current version of a stream (0 when it has no event).</summary>
    Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct);

    /// <summary>
    /// Erases the payloads of the given events (sets them to null, every other column stays) and records
    /// the erasure as a <c>journal.payloads_erased.v1</c> event in the same transaction.
    /// </summary>
    /// <returns>The position of the erasure event.</returns>
    Task<ErasureResult> ErasePayloadsAsync(IReadOnlyCollection<long> seqs, string reason, EventMetadata metadata, CancellationToken ct);
}

/// <summary>The outcome of an erasure.</summary>
/// <param name="Erased">Positions whose payload was erased by this call.</param>
/// <param name="AlreadyErased">Positions whose payload was erased before.</param>
/// <param name="Position">Position of the erasure event.</param>
public sealed record ErasureResult(IReadOnlyList<long> Erased, IReadOnlyList<long> AlreadyErased, long Position);
