using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>A run began work.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="At">When.</param>
[EventType("run.started.v1")]
public sealed record RunStarted(Guid RunId, Guid SessionId, DateTimeOffset At) : IRunEvent;
