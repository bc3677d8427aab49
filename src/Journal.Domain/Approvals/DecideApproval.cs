namespace Journal.Domain.Approvals;

/// <summary>Answers a pending approval before it expires.</summary>
/// <param name="Decision">Allow or deny.</param>
/// <param name="DecidedBy">Who answers.</param>
/// <param name="Reason">Why, optional.</param>
/// <param name="At">The current time.</param>
/// <param name="RememberForSession">
/// "Remember this decision": the approver widens a one-off request's answer to later requests of the same
/// subject in the session. Only for a request of scope <see cref="ApprovalScope.Once"/>.
/// </param>
public sealed record DecideApproval(Guid ApprovalId, ApprovalDecision Decision, string DecidedBy, string? Reason, DateTimeOffset At, bool RememberForSession = false)
    : ApprovalCommand(ApprovalId, At);
