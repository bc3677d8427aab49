namespace Journal.Domain.Runs;

/// <summary>
/// Accepts a new run. For a foreground run the handler also attaches it to the session
/// (<see cref="Sessions.AttachForegroundRun"/>) in the same multi-stream append.
/// </summary>
/// <param name="RunId">The new run's id, chosen by the caller.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="ParentRunId">Required for a delegated run, refused otherwise.</param>
/// <param name="At">The current time.</param>
public sealed record AcceptRun(Guid RunId, Guid SessionId, RunKind Kind, Guid? ParentRunId, DateTimeOffset At) : RunCommand(RunId, At);
