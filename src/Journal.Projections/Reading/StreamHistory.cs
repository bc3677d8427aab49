using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore;

namespace Journal.Projections.Reading;

/// <summary>
/// Time travel: folds one stream's events, oldest first, up to a stream version or a tape position,
/// with the same pure fold a projection uses for its row.
/// </summary>
internal static class StreamHistory
{
    private const int PageSize = 500;

    /// <summary>Checks a time-travel point: at most one of the two, each at least 1.</summary>
    /// <exception cref="ValidationException">Both are given, or one is below 1.</exception>
    public static void Validate(long? streamVersion, long? position)
    {
        if (streamVersion is not null && position is not null)
        {
            throw new ValidationException("streamVersion", "give a stream version or a position, not both");
        }

        if (streamVersion < 1)
        {
            throw new ValidationException("streamVersion", "must be at least 1");
        }

        if (position < 1)
        {
            throw new ValidationException("position", "must be at least 1");
        }
    }

    /// <summary>
    /// The state after every event of <paramref name="stream"/> at or before <paramref name="streamVersion"/>
    /// and <paramref name="position"/> (no bound when null); null when nothing was there yet. Erased payloads
    /// are skipped, as the projections skip them.
    /// </summary>
    public static async Task<T?> FoldAsync<T>(SqliteEventStore tape, StreamId stream, long? streamVersion, long? position, Func<T?, object, long, T?> evolve, CancellationToken ct)
        where T : class
    {
        Validate(streamVersion, position);
        T? state = null;
        long from = 1;
        while (true)
        {
            var slice = await tape.ReadStreamAsync(stream, from, ReadDirection.Forward, PageSize, ct).ConfigureAwait(false);
            foreach (var recorded in slice.Events)
            {
                if (recorded.StreamVersion > streamVersion || recorded.Seq > position)
                {
                    return state;
                }

                if (recorded.Payload is { } payload && tape.Serializer.Decode(recorded.EventType, payload.Span) is { } @event)
                {
                    state = evolve(state, @event, recorded.Seq);
                }
            }

            if (slice.NextVersion is not { } next)
            {
                return state;
            }

            from = next;
        }
    }
}
