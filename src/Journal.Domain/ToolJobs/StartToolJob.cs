namespace Journal.Domain.ToolJobs;

/// <summary>Moves a queued job to running.</summary>
/// <param name="At">The current time.</param>
public sealed record StartToolJob(Guid JobId, DateTimeOffset At) : ToolJobCommand(JobId, At);
