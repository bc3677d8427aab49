namespace Journal.Domain.ToolJobs;

/// <summary>Queues a new tool job.</summary>
/// <param name="JobId">The new job's id, chosen by the caller.</param>
/// <param name="SessionId">The session it serves.</param>
/// <param name="RunId">The run that asks for it, optional.</param>
/// <param name="Arguments">The tool's arguments, optional.</param>
/// <param name="At">The current time.</param>
public sealed record QueueToolJob(Guid JobId, Guid SessionId, Guid? RunId, string ToolName, string? Arguments, DateTimeOffset At) : ToolJobCommand(JobId, At);
