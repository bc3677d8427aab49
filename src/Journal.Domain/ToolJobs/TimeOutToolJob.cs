namespace Journal.Domain.ToolJobs;

/// <summary>Marks a running job as timed out.</summary>
/// <param name="At">The current time.</param>
public sealed record TimeOutToolJob(Guid JobId, DateTimeOffset At) : ToolJobCommand(JobId, At);
