using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Journal.EventStore.Writing;

namespace Journal.EventStore.Ports;

/// <summary>
/// What the write side of the application needs from a tape backend: read a stream from a version, append
/// a command's decision with its idempotency record in the same transaction, and look a key up.
/// </summary>
public interface IAggregateTape
{
    /// <summary>The codec of the tape's payloads and event type names.</summary>
    PayloadSerializer Serializer { get; }

    /// <summary>Up to <paramref name="limit"/> events of <paramref name="stream"/> from <paramref name="fromVersion"/> (inclusive).</summary>
    IReadOnlyList<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit);

    /// <summary>
    /// The last version of <paramref name="stream"/> and its position (both 0 for a stream with no event),
    /// by one index seek: what a command needs to know it decided on the latest state, at any stream length.
    /// </summary>
    StreamHead ReadStreamHead(StreamId stream);

    /// <summary>
    /// Payloads erased on the whole tape (the writer's kept count, one row): it moves whenever an erasure
    /// commits, so a snapshot that remembers it can tell it was folded before an erasure.
    /// </summary>
    long ReadErasedPayloadCount();

    /// <summary>
    /// Appends to every stream, each against its own expectation, in one transaction; with
    /// <paramref name="idempotency"/>, the key and the command's hash are recorded in it too.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct);

    /// <summary>The first result recorded under an idempotency key, or null.</summary>
    IdempotencyEntry? FindIdempotency(string key);

    /// <summary>Streams of <paramref name="category"/> opened by one of <paramref name="openingTypes"/> and not closed by one of <paramref name="closingTypes"/>.</summary>
    IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes);
}
