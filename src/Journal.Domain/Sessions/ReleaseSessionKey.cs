namespace Journal.Domain.Sessions;

/// <summary>Releases a key held by a session being archived.</summary>
/// <param name="SessionId">The session that must hold it.</param>
/// <param name="At">The current time.</param>
public sealed record ReleaseSessionKey(string SessionKey, Guid SessionId, DateTimeOffset At) : SessionKeyCommand(SessionKey, SessionId, At);
