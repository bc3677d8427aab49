namespace Journal.Domain.ToolJobs;

/// <summary>Marks a running job as succeeded.</summary>
/// <param name="ExitCode">The exit code, optional.</param>
/// <param name="At">The current time.</param>
public sealed record CompleteToolJob(Guid JobId, int? ExitCode, DateTimeOffset At) : ToolJobCommand(JobId, At);
