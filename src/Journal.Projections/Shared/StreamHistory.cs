using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Journal.Projections.Runtime;

namespace Journal.Projections.Shared;

/// <summary>
/// Time travel over one stream: folds its events, oldest first, up to a stream version and/or a tape
/// position, with the same fold a projection uses for its row. Reads the tape, never the read models,
/// so it answers for any point in the stream's past even after a rebuild.
/// </summary>
internal static class StreamHistory
{
    private const int PageSize = 500;

    /// <summary>
    /// The state of <paramref name="stream"/> after its events up to <paramref name="streamVersion"/>
    /// and up to <paramref name="position"/> (both inclusive, both may be given; null for no bound);
    /// null when no event of the stream falls within them (a bound of 0 is before the first event).
    /// </summary>
    /// <exception cref="ValidationException">A bound is negative.</exception>
    public static async Task<T?> FoldAsync<T>(
        IEventStore tape,
        PayloadSerializer serializer,
        StreamId stream,
        long? streamVersion,
        long? position,
        Func<T?, ProjectedEvent, T?> apply,
        CancellationToken ct)
        where T : class
    {
        if (streamVersion is < 0)
        {
            throw new ValidationException("streamVersion", "must not be negative");
        }

        if (position is < 0)
        {
            throw new ValidationException("position", "must not be negative");
        }

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

                var payload = recorded.Payload is { } bytes ? serializer.Decode(recorded.EventType, bytes) : null;
                state = apply(state, new ProjectedEvent(recorded, payload));
            }

            if (slice.NextVersion is not { } next)
            {
                return state;
            }

            from = next;
        }
    }
}
