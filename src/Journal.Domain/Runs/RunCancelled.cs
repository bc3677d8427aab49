using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>A run stopped on request.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="Reason">Why, if given.</param>
/// <param name="At">When.</param>
[EventType("run.cancelled.v1")]
public sealed record RunCancelled(Guid RunId, Guid SessionId, string? Reason, DateTimeOffset At) : IRunEvent;
