namespace Journal.Domain.Approvals;

/// <summary>Asks a human to approve something.</summary>
/// <param name="ApprovalId">The new approval's id, chosen by the caller.</param>
/// <param name="SessionId">The session asking.</param>
/// <param name="SubjectType">What kind of thing needs approval.</param>
/// <param name="SubjectId">Which one.</param>
/// <param name="Summary">What the human is shown.</param>
/// <param name="Scope">How far an answer reaches.</param>
/// <param name="DurationSeconds">Required (positive, at most 30 days) for a time-boxed scope; refused otherwise.</param>
/// <param name="ExpiresAt">Deadline for a decision; must be after <paramref name="At"/>.</param>
/// <param name="At">The current time.</param>
public sealed record RequestApproval(
    Guid ApprovalId,
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    string Summary,
    ApprovalScope Scope,
    long? DurationSeconds,
    DateTimeOffset ExpiresAt,
    DateTimeOffset At) : ApprovalCommand(ApprovalId, At);
