namespace Journal.Projections.SessionDeltas;

/// <summary>
/// One change to a session: its <see cref="Sessions.SessionView"/> before and after, as JSON
/// (<see cref="SessionViewJson"/>), like a change-data-capture record.
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="Position">The tape position of the event that made the change.</param>
/// <param name="ChangeType"><c>created</c>, <c>updated</c> or <c>deleted</c> (see <see cref="SessionChangeTypes"/>).</param>
/// <param name="At">When the change happened (the event's time, whole milliseconds, UTC).</param>
/// <param name="Before">The view before; null for <c>created</c>.</param>
/// <param name="After">
/// The view after. Archiving is a soft delete, so for <c>deleted</c> it is the archived view, not null:
/// a background run may still end after the archive and change the session once more.
/// </param>
public sealed record SessionDelta(Guid SessionId, long Position, string ChangeType, DateTimeOffset At, string? Before, string After);

/// <summary>The values of <see cref="SessionDelta.ChangeType"/>.</summary>
public static class SessionChangeTypes
{
    /// <summary>The session was created.</summary>
    public const string Created = "created";

    /// <summary>Any change that neither creates nor archives it (label, last run, counts).</summary>
    public const string Updated = "updated";

    /// <summary>The session was archived.</summary>
    public const string Deleted = "deleted";
}
