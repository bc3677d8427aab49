using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>A run finished well.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="Summary">A short outcome, if given.</param>
/// <param name="At">When.</param>
[EventType("run.succeeded.v1")]
public sealed record RunSucceeded(Guid RunId, Guid SessionId, string? Summary, DateTimeOffset At) : IRunEvent;
