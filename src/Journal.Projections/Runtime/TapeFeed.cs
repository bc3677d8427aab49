using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;

namespace Journal.Projections.Runtime;

/// <summary>
/// The tape as the projection runtime uses it: pages of events, the head, the committed positions and
/// the payload decoder. The runtime's only use of <see cref="SqliteEventStore"/> goes through here.
/// </summary>
internal sealed class TapeFeed(SqliteEventStore tape)
{
    /// <summary>Decodes payloads.</summary>
    public PayloadSerializer Serializer => tape.Serializer;

    /// <summary>Every position the tape's writer commits.</summary>
    public IObservable<long> Committed => tape.Committed;

    /// <summary>The tape's last position.</summary>
    public Task<TapeHead> ReadHeadAsync(CancellationToken ct) => tape.ReadHeadAsync(ct);

    /// <summary>Up to <paramref name="limit"/> events from <paramref name="fromSeq"/>.</summary>
    public IReadOnlyList<RecordedEvent> ReadPage(long fromSeq, int limit) => tape.ReadPage(fromSeq, limit);
}
