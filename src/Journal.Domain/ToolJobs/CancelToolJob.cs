namespace Journal.Domain.ToolJobs;

/// <summary>Cancels a queued or running job.</summary>
/// <param name="Reason">Why, optional.</param>
/// <param name="At">The current time.</param>
public sealed record CancelToolJob(Guid JobId, string? Reason, DateTimeOffset At) : ToolJobCommand(JobId, At);
