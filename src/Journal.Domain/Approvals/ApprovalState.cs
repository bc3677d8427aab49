namespace Journal.Domain.Approvals;

/// <summary>What the approval decider needs to know about one approval, and what it remembers.</summary>
/// <param name="Exists">Whether the approval was requested.</param>
/// <param name="SessionId">The session that asked.</param>
/// <param name="SubjectType">The subject's kind.</param>
/// <param name="Scope">How far an answer reaches.</param>
/// <param name="DurationSeconds">The time box, for a time-boxed scope.</param>
/// <param name="ExpiresAt">Deadline for a decision.</param>
/// <param name="Status">Where it is.</param>
/// <param name="RememberedUntil">For a remembered time-boxed answer, when remembering ends.</param>
public sealed record ApprovalState(
    bool Exists,
    Guid ApprovalId,
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    ApprovalScope Scope,
    long? DurationSeconds,
    DateTimeOffset ExpiresAt,
    ApprovalStatus Status,
    DateTimeOffset? RememberedUntil)
{
    /// <summary>
    /// Whether this approval is a remembered allow for <paramref name="subjectType"/>/<paramref name="subjectId"/>
    /// in <paramref name="sessionId"/> at <paramref name="now"/>. The read model applies the same rule to
    /// <see cref="ApprovalDecided"/> events (and drops session-long ones when the session is archived).
    /// </summary>
    public bool RemembersAllow(Guid sessionId, string subjectType, string subjectId, DateTimeOffset now) =>
        Status == ApprovalStatus.Allowed
        && Scope != ApprovalScope.Once
        && SessionId == sessionId
        && string.Equals(SubjectType, subjectType, StringComparison.Ordinal)
        && string.Equals(SubjectId, subjectId, StringComparison.Ordinal)
        && (RememberedUntil is null || now < RememberedUntil);
}
