using Journal.Domain.Tape;

namespace Journal.Api.Endpoints.Queries;

/// <summary>
/// Where a resource's own stream stands on the tape when a request arrives: its version (the
/// <c>ETag</c>) and the position of its last event. A single-resource query waits for that position,
/// so its answer reflects at least every event of the stream committed before the request, and the
/// tag is never newer than the body (an <c>If-Match</c> built from it can only fail safe).
/// </summary>
/// <param name="Version">The stream's version; 0 when it does not exist.</param>
/// <param name="Position">The tape position of its last event; 0 when it does not exist.</param>
internal readonly record struct StreamMark(long Version, long Position)
{
    /// <summary>Reads the stream's last event (one indexed row).</summary>
    public static async Task<StreamMark> ReadAsync(IEventStore tape, StreamId stream, CancellationToken ct)
    {
        var slice = await tape.ReadStreamAsync(stream, long.MaxValue, ReadDirection.Backward, 1, ct);
        return slice.Events is [var last, ..] ? new StreamMark(last.StreamVersion, last.Seq) : default;
    }

    /// <summary>
    /// The position the query must reflect: the caller's <paramref name="minPosition"/> or this
    /// stream's last event, whichever is later. A negative value is passed on to be refused.
    /// </summary>
    public long? Wait(long? minPosition) => minPosition switch
    {
        < 0 => minPosition,
        { } min when min >= Position => min,
        _ => Position > 0 ? Position : null,
    };
}
