using Journal.Domain.Tape;

namespace Journal.Domain.ToolJobs;

/// <summary>A tool job failed.</summary>
/// <param name="Reason">Why (<c>interrupted</c> when crash recovery failed it).</param>
/// <param name="ExitCode">The process exit code, if known.</param>
/// <param name="Interrupted">True when crash recovery failed a job left running.</param>
/// <param name="At">When.</param>
[EventType("tooljob.failed.v1")]
public sealed record ToolJobFailed(Guid JobId, string Reason, int? ExitCode, bool Interrupted, DateTimeOffset At) : IToolJobEvent;
