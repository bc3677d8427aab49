namespace Journal.Domain.Sessions;

/// <summary>Archives a session. Refused while a foreground run is attached: end the run first.</summary>
/// <param name="Reason">Why, optional.</param>
/// <param name="At">The current time.</param>
public sealed record ArchiveSession(Guid SessionId, string? Reason, DateTimeOffset At) : SessionCommand(SessionId, At);
