using Journal.Domain.Tape;

namespace Journal.Domain.Approvals;

/// <summary>
/// A human answered. The event is self-contained (session, subject, scope, until when it is
/// remembered) so that a read model can answer "is there a remembered allow for this subject in this
/// session now?" from this event alone.
/// </summary>
/// <param name="SessionId">The session that asked.</param>
/// <param name="SubjectType">The subject's kind.</param>
/// <param name="Scope">How far the answer reaches.</param>
/// <param name="Decision">Allow or deny.</param>
/// <param name="DecidedBy">Who answered.</param>
/// <param name="Reason">Why, if given.</param>
/// <param name="Remembered">Whether the answer applies to later requests for the same subject in the session.</param>
/// <param name="RememberedUntil">For a time-boxed answer, when remembering ends; null for a session-long one or a one-off.</param>
/// <param name="At">When.</param>
/// <param name="WidenedToSession">
/// True when the approver widened a one-off (<see cref="ApprovalScope.Once"/>) request to the rest of the
/// session ("remember this decision"): the answer is then remembered as a <see cref="ApprovalScope.Session"/>
/// one, while <paramref name="Scope"/> keeps what was requested. Null otherwise, never false: the payload
/// leaves nulls out, so a decision that widens nothing encodes to the same bytes as before this field
/// existed, and events written before it decode with null and replay as they always did.
/// </param>
[EventType("approval.decided.v1")]
public sealed record ApprovalDecided(
    Guid ApprovalId,
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    ApprovalScope Scope,
    ApprovalDecision Decision,
    string DecidedBy,
    string? Reason,
    bool Remembered,
    DateTimeOffset? RememberedUntil,
    DateTimeOffset At,
    bool? WidenedToSession = null) : IApprovalEvent
{
    /// <summary>
    /// How far the answer reaches: <see cref="ApprovalScope.Session"/> when the approver widened it, else the requested
    /// scope. A method, not a property, so that it is never written into the payload.
    /// </summary>
    public ApprovalScope Reach() => WidenedToSession == true ? ApprovalScope.Session : Scope;
}
