namespace Journal.Domain.Runs;

/// <summary>
/// Crash recovery at start-up: fails a run that was still active when the process died. A run that
/// already ended is left alone (no events), so recovery can run any number of times.
/// </summary>
/// <param name="Reason">Why, for example "process restarted".</param>
/// <param name="At">The current time.</param>
public sealed record FailOrphanedRun(Guid RunId, string Reason, DateTimeOffset At) : RunCommand(RunId, At);
