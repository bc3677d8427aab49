namespace Journal.Domain.Approvals;

/// <summary>Answers a pending approval before it expires.</summary>
/// <param name="Decision">Allow or deny.</param>
/// <param name="DecidedBy">Who answers.</param>
/// <param name="Reason">Why, optional.</param>
/// <param name="At">The current time.</param>
public sealed record DecideApproval(Guid ApprovalId, ApprovalDecision Decision, string DecidedBy, string? Reason, DateTimeOffset At)
    : ApprovalCommand(ApprovalId, At);
