using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>The session's foreground run ended, so another may start (appended with the run's terminal event).</summary>
/// <param name="RunId">The run that ended.</param>
/// <param name="At">When.</param>
[EventType("session.foreground_run_detached.v1")]
public sealed record SessionForegroundRunDetached(Guid SessionId, Guid RunId, DateTimeOffset At) : ISessionEvent;
