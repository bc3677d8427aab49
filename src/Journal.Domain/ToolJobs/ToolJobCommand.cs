namespace Journal.Domain.ToolJobs;

/// <summary>A command decided by <see cref="ToolJobDecider"/>.</summary>
/// <param name="JobId">The job the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record ToolJobCommand(Guid JobId, DateTimeOffset At);
