namespace Journal.Domain.Sessions;

/// <summary>What the session decider needs to know about one session.</summary>
/// <param name="Exists">Whether the session was created.</param>
/// <param name="Principal">On whose behalf (never changes).</param>
/// <param name="Device">The device (never changes).</param>
/// <param name="Channel">The channel (never changes).</param>
/// <param name="SessionKey">The key (never changes).</param>
/// <param name="Label">The current label.</param>
/// <param name="Archived">Whether the session is archived.</param>
/// <param name="ForegroundRunId">The active foreground run, if any.</param>
public sealed record SessionState(
    bool Exists,
    Guid SessionId,
    string Principal,
    string Device,
    string Channel,
    string? SessionKey,
    string? Label,
    bool Archived,
    Guid? ForegroundRunId);
