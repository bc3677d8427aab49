namespace Journal.Domain.Sessions;

/// <summary>Claims a key for a session being created; claiming it again for the same session changes nothing.</summary>
/// <param name="At">The current time.</param>
public sealed record ClaimSessionKey(string SessionKey, Guid SessionId, DateTimeOffset At) : SessionKeyCommand(SessionKey, SessionId, At);
