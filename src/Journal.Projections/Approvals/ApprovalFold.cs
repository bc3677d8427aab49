using Journal.Domain.Approvals;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Approvals;

/// <summary>
/// The one fold of an approval's read model, pure: the projection applies it to the stored row, time
/// travel to the approval's stream read from the tape.
/// </summary>
public static class ApprovalFold
{
    /// <summary>Applies one event's payload; null (no approval yet) stays null until it is requested.</summary>
    public static ApprovalRow? Evolve(ApprovalRow? row, object? @event) => @event switch
    {
        ApprovalRequested e => new ApprovalRow(
            e.ApprovalId, e.SessionId, e.SubjectType, e.SubjectId, e.Summary, e.Scope, e.DurationSeconds, Truncate(e.ExpiresAt),
            ApprovalStatus.Pending, null, null, null, false, null, Truncate(e.At), null, 0, 0),
        _ when row is null => null,
        ApprovalDecided e => row with
        {
            Status = e.Decision == ApprovalDecision.Allow ? ApprovalStatus.Allowed : ApprovalStatus.Denied,
            Decision = e.Decision,
            DecidedBy = e.DecidedBy,
            Reason = e.Reason,
            Remembered = e.Remembered,
            RememberedUntil = Truncate(e.RememberedUntil),
            ResolvedAt = Truncate(e.At),
        },
        ApprovalTimedOut e => row with { Status = ApprovalStatus.TimedOut, ResolvedAt = Truncate(e.At) },
        _ => row,
    };

    /// <summary>Applies one tape event: <see cref="Evolve"/>, then the stream version and position it brings the row to.</summary>
    public static ApprovalRow? Apply(ApprovalRow? row, ProjectedEvent e) =>
        Evolve(row, e.Payload) is { } next ? next with { StreamVersion = e.Event.StreamVersion, LastPosition = e.Seq } : null;
}
