namespace Journal.Domain.Sessions;

/// <summary>Opens a new session. The handler claims <paramref name="SessionKey"/> in the same append.</summary>
/// <param name="SessionId">The new session's id, chosen by the caller.</param>
/// <param name="Principal">On whose behalf.</param>
/// <param name="SessionKey">Optional stable key.</param>
/// <param name="Label">Optional label.</param>
/// <param name="At">The current time.</param>
public sealed record CreateSession(
    Guid SessionId,
    string Principal,
    string Device,
    string Channel,
    string? SessionKey,
    string? Label,
    DateTimeOffset At) : SessionCommand(SessionId, At);
