namespace Journal.Domain.Approvals;

/// <summary>A command decided by <see cref="ApprovalDecider"/>.</summary>
/// <param name="ApprovalId">The approval the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record ApprovalCommand(Guid ApprovalId, DateTimeOffset At);
