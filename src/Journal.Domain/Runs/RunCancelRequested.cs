using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>Someone asked a run to stop; from now on it can only be cancelled or fail, never succeed.</summary>
/// <param name="SessionId">Its session.</param>
/// <param name="RequestedBy">Who asked, if known.</param>
/// <param name="At">When.</param>
[EventType("run.cancel_requested.v1")]
public sealed record RunCancelRequested(Guid RunId, Guid SessionId, string? RequestedBy, DateTimeOffset At) : IRunEvent;
