using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A tool job finished well.</summary>
/// <param name="ExitCode">The process exit code, if there was a process.</param>
/// <param name="At">When.</param>
[EventType("tooljob.succeeded.v1")]
public sealed record ToolJobSucceeded(Guid JobId, int? ExitCode, DateTimeOffset At) : IToolJobEvent;
