namespace Journal.Domain.ToolJobs;

/// <summary>
/// Crash recovery at start-up: fails a job left running as <c>interrupted</c>. A job in any other
/// status is left alone (no events), so recovery can run any number of times.
/// </summary>
/// <param name="At">The current time.</param>
public sealed record RecoverInterruptedToolJob(Guid JobId, DateTimeOffset At) : ToolJobCommand(JobId, At);
