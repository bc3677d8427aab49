using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>A session was opened. Its identity fields (principal, device, channel, key) never change afterwards.</summary>
/// <param name="Principal">On whose behalf the session runs.</param>
/// <param name="Device">The device the session belongs to.</param>
/// <param name="Channel">The channel it came in on.</param>
/// <param name="SessionKey">The caller's stable key for the session, if any; unique among live sessions.</param>
/// <param name="Label">A human label, if any.</param>
/// <param name="At">When.</param>
[EventType("session.created.v1")]
public sealed record SessionCreated(
    Guid SessionId,
    string Principal,
    string Device,
    string Channel,
    string? SessionKey,
    string? Label,
    DateTimeOffset At) : ISessionEvent;
