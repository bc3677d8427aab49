using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>A foreground run became the session's one active foreground run (appended with the run's acceptance).</summary>
/// <param name="At">When.</param>
[EventType("session.foreground_run_attached.v1")]
public sealed record SessionForegroundRunAttached(Guid SessionId, Guid RunId, DateTimeOffset At) : ISessionEvent;
