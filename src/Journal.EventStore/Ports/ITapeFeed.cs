using Journal.Domain.Tape;
using Journal.EventStore.Reading;
using Journal.EventStore.Serialization;

namespace Journal.EventStore.Ports;

/// <summary>
/// What the read side consumes: committed positions as they land, pages of the tape in seq order, and
/// the codec that turns a payload back into its event. Any tape backend provides it.
/// </summary>
public interface ITapeFeed
{
    /// <summary>The highest position of each commit, published after the commit.</summary>
    IObservable<long> Committed { get; }

    /// <summary>The codec of the tape's payloads and event type names.</summary>
    PayloadSerializer Serializer { get; }

    /// <summary>Up to <paramref name="limit"/> events from <paramref name="fromSeq"/> (inclusive), in seq order.</summary>
    IReadOnlyList<RecordedEvent> ReadPage(long fromSeq, int limit);

    /// <summary>The newest position and hash.</summary>
    Task<TapeHead> ReadHeadAsync(CancellationToken ct);

    /// <summary>Events, streams and erased payloads on the tape.</summary>
    TapeStats ReadStats();

    /// <summary>Events on the tape by type, in type order; like <see cref="ReadStats"/>, kept by the writer, not scanned.</summary>
    IReadOnlyList<EventTypeCount> ReadTypeCounts();

    /// <summary>
    /// The traced appends (their span contexts, kept in memory only, never on the tape) that wrote any
    /// position from <paramref name="fromSeq"/> to <paramref name="toSeq"/>, oldest first, at most
    /// <paramref name="limit"/>. A backend that does not trace its appends has none.
    /// </summary>
    IReadOnlyList<Tracing.AppendTrace> AppendTraces(long fromSeq, long toSeq, int limit) => [];
}
