using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A tool job was queued.</summary>
/// <param name="SessionId">The session it serves.</param>
/// <param name="RunId">The run that asked for it, if any.</param>
/// <param name="Arguments">The tool's arguments (usually JSON text), if any.</param>
/// <param name="At">When.</param>
[EventType("tooljob.queued.v1")]
public sealed record ToolJobQueued(Guid JobId, Guid SessionId, Guid? RunId, string ToolName, string? Arguments, DateTimeOffset At) : IToolJobEvent;
