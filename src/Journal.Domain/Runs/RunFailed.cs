using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>A run failed.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="Reason">Why.</param>
/// <param name="Orphaned">True when crash recovery failed a run its process no longer drove.</param>
/// <param name="At">When.</param>
[EventType("run.failed.v1")]
public sealed record RunFailed(Guid RunId, Guid SessionId, string Reason, bool Orphaned, DateTimeOffset At) : IRunEvent;
