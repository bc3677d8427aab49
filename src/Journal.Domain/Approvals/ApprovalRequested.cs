using Journal.Domain.Tape;

namespace Journal.Domain.Approvals;

/// <summary>A human was asked to approve something.</summary>
/// <param name="SessionId">The session asking.</param>
/// <param name="SubjectType">What kind of thing needs approval, such as <c>tool.shell</c>.</param>
/// <param name="SubjectId">Which one.</param>
/// <param name="Summary">What the human is shown.</param>
/// <param name="Scope">How far an answer reaches.</param>
/// <param name="DurationSeconds">For <see cref="ApprovalScope.Timeboxed"/>, how long an answer is remembered; null otherwise.</param>
/// <param name="ExpiresAt">After this, the request can no longer be decided.</param>
/// <param name="At">When.</param>
[EventType("approval.requested.v1")]
public sealed record ApprovalRequested(
    Guid ApprovalId,
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    string Summary,
    ApprovalScope Scope,
    long? DurationSeconds,
    DateTimeOffset ExpiresAt,
    DateTimeOffset At) : IApprovalEvent;
