using Journal.EventStore.Ports;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;

namespace Journal.Projections.Runtime;

/// <summary>
/// A page of the tape as the engine applies it: the events, and each payload decoded at most once
/// (ahead of time for the event types some projection handles, when the page was read ahead).
/// </summary>
internal sealed class ReadBatch
{
    private readonly ProjectedEvent?[] _projected;

    private ReadBatch(long from, IReadOnlyList<RecordedEvent> events)
    {
        From = from;
        Events = events;
        _projected = new ProjectedEvent?[events.Count];
    }

    /// <summary>The position the page was asked from.</summary>
    public long From { get; }

    public IReadOnlyList<RecordedEvent> Events { get; }

    /// <summary>Reads a page; decodes the payloads of <paramref name="decode"/>'s event types now (null: none).</summary>
    public static ReadBatch Read(ITapeFeed tape, long from, int limit, IReadOnlySet<string>? decode)
    {
        var batch = new ReadBatch(from, tape.ReadPage(from, limit));
        if (decode is not null)
        {
            for (var i = 0; i < batch.Events.Count; i++)
            {
                if (decode.Contains(batch.Events[i].EventType))
                {
                    batch.Projected(i, tape.Serializer);
                }
            }
        }

        return batch;
    }

    /// <summary>Drops every decoded payload (they are decoded again when asked for).</summary>
    public void ForgetDecoded() => Array.Clear(_projected);

    /// <summary>The event at <paramref name="index"/>, its payload decoded only if some projection asked for it already.</summary>
    public ProjectedEvent Undecoded(int index) => _projected[index] ?? new ProjectedEvent(Events[index], null);

    /// <summary>The event at <paramref name="index"/> with its decoded payload (null when erased).</summary>
    public ProjectedEvent Projected(int index, PayloadSerializer serializer)
    {
        if (_projected[index] is { } done)
        {
            return done;
        }

        var recorded = Events[index];
        var projected = new ProjectedEvent(recorded, recorded.Payload is { } p ? serializer.Decode(recorded.EventType, p) : null);
        _projected[index] = projected;
        return projected;
    }
}
