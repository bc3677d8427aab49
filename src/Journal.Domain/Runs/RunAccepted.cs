using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>A run was accepted in a session.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="Kind">Foreground, background or delegated.</param>
/// <param name="ParentRunId">For a delegated run, the run that delegated it; null otherwise.</param>
/// <param name="At">When.</param>
[EventType("run.accepted.v1")]
public sealed record RunAccepted(Guid RunId, Guid SessionId, RunKind Kind, Guid? ParentRunId, DateTimeOffset At) : IRunEvent;
