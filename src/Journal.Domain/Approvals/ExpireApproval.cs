namespace Journal.Domain.Approvals;

/// <summary>
/// Turns a pending approval past its deadline into timed out. An approval that is already decided or
/// timed out is left alone (no events), so a sweeper may send this freely.
/// </summary>
/// <param name="At">The current time.</param>
public sealed record ExpireApproval(Guid ApprovalId, DateTimeOffset At) : ApprovalCommand(ApprovalId, At);
