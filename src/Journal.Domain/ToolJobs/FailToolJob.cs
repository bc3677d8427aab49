namespace Journal.Domain.ToolJobs;

/// <summary>Marks a running job as failed.</summary>
/// <param name="Reason">Why.</param>
/// <param name="ExitCode">The exit code, optional.</param>
/// <param name="At">The current time.</param>
public sealed record FailToolJob(Guid JobId, string Reason, int? ExitCode, DateTimeOffset At) : ToolJobCommand(JobId, At);
