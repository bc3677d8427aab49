namespace Journal.Domain.Sessions;

/// <summary>Releases the session's foreground run slot when that run ends. Allowed on an archived session.</summary>
/// <param name="RunId">The run that ended; must be the attached one.</param>
/// <param name="At">The current time.</param>
public sealed record DetachForegroundRun(Guid SessionId, Guid RunId, DateTimeOffset At) : SessionCommand(SessionId, At);
