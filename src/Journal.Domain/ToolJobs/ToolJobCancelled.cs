using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A tool job was cancelled.</summary>
/// <param name="Reason">Why, if given.</param>
/// <param name="At">When.</param>
[EventType("tooljob.cancelled.v1")]
public sealed record ToolJobCancelled(Guid JobId, string? Reason, DateTimeOffset At) : IToolJobEvent;
