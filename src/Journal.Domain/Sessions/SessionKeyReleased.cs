using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>A session gave its key up (it was archived); the key may be claimed again.</summary>
/// <param name="SessionId">The session that held it.</param>
/// <param name="At">When.</param>
[EventType("sessionkey.released.v1")]
public sealed record SessionKeyReleased(string SessionKey, Guid SessionId, DateTimeOffset At) : ISessionKeyEvent;
