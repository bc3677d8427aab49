using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A running tool job ran out of time.</summary>
/// <param name="At">When.</param>
[EventType("tooljob.timed_out.v1")]
public sealed record ToolJobTimedOut(Guid JobId, DateTimeOffset At) : IToolJobEvent;
