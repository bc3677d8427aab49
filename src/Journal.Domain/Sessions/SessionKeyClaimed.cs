using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>A session took a key; no other live session may take it until it is released.</summary>
/// <param name="SessionId">The session that holds it.</param>
/// <param name="At">When.</param>
[EventType("sessionkey.claimed.v1")]
public sealed record SessionKeyClaimed(string SessionKey, Guid SessionId, DateTimeOffset At) : ISessionKeyEvent;
