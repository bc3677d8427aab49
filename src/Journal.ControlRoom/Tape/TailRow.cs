using Journal.Domain.Tape;

namespace Journal.ControlRoom.Tape;

/// <summary>One row of the live tail: what the list shows of an event, without decoding its payload (the event's page does that).</summary>
/// <param name="Seq">Global position.</param>
/// <param name="EventType">Stable type name.</param>
/// <param name="StreamId">Its stream.</param>
/// <param name="Actor">Who wrote it, if known.</param>
/// <param name="RecordedAt">Unix milliseconds.</param>
public sealed record TailRow(long Seq, string EventType, string StreamId, string? Actor, long RecordedAt)
{
    /// <summary>The row of a recorded event.</summary>
    public static TailRow From(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new(recorded.Seq, recorded.EventType, recorded.StreamId, recorded.Metadata.Actor, recorded.RecordedAt);
    }

    /// <summary>
    /// The tail after the tape grew to <paramref name="head"/>: the events after the newest of <paramref name="shown"/>
    /// (newest first) read from <paramref name="readPage"/>, then the shown rows, <paramref name="count"/> at most. Only
    /// what is new is read; behind by more than <paramref name="count"/> events, only the newest <paramref name="count"/>.
    /// </summary>
    /// <returns>The new tail, or null when nothing is new.</returns>
    public static IReadOnlyList<TailRow>? Advance(IReadOnlyList<TailRow> shown, long head, int count, Func<long, int, IReadOnlyList<RecordedEvent>> readPage)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(readPage);
        var newest = shown.Count > 0 ? shown[0].Seq : 0;
        if (head <= newest)
        {
            return null;
        }

        var from = Math.Max(newest + 1, head - count + 1);
        var fresh = readPage(from, (int)(head - from + 1)).Where(e => e.Seq <= head).Reverse().Select(From);
        return [.. fresh.Concat(shown).Take(count)];
    }
}
