using Journal.Domain.Approvals;

namespace Journal.Projections.Approvals;

/// <summary>A remembered answer: a session-long or time-boxed allow or deny for one subject in one session.</summary>
/// <param name="ApprovalId">The approval whose decision it is.</param>
/// <param name="SubjectType">The subject's kind.</param>
/// <param name="Scope">
/// <see cref="ApprovalScope.Session"/> or <see cref="ApprovalScope.Timeboxed"/>; a one-off request whose approver chose
/// "remember for this session" is remembered as <see cref="ApprovalScope.Session"/>.
/// </param>
/// <param name="Decision">Allow or deny.</param>
/// <param name="DecidedBy">Who answered.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="RememberedUntil">For a time-boxed answer, when remembering ends; null for the rest of the session.</param>
public sealed record RememberedDecision(
    Guid ApprovalId,
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    ApprovalScope Scope,
    ApprovalDecision Decision,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    DateTimeOffset? RememberedUntil);

/// <summary>Whether a remembered answer applies, and which.</summary>
/// <param name="Decision">The remembered answer that applies; null when none does (ask a human).</param>
public sealed record RememberedDecisionAnswer(RememberedDecision? Decision)
{
    /// <summary>Whether a remembered answer applies.</summary>
    public bool Applies => Decision is not null;
}
