using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A tool job began running.</summary>
/// <param name="Attempt">Which attempt, from 1.</param>
/// <param name="At">When.</param>
[EventType("tooljob.started.v1")]
public sealed record ToolJobStarted(Guid JobId, int Attempt, DateTimeOffset At) : IToolJobEvent;
