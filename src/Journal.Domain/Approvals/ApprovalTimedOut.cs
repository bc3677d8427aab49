using Journal.Domain.Tape;

namespace Journal.Domain.Approvals;

/// <summary>A pending approval expired without a decision.</summary>
/// <param name="SessionId">The session that asked.</param>
/// <param name="At">When.</param>
[EventType("approval.timed_out.v1")]
public sealed record ApprovalTimedOut(Guid ApprovalId, Guid SessionId, DateTimeOffset At) : IApprovalEvent;
