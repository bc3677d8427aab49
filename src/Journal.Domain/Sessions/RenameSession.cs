namespace Journal.Domain.Sessions;

/// <summary>Changes a session's label; the same label again changes nothing.</summary>
/// <param name="Label">The new label.</param>
/// <param name="At">The current time.</param>
public sealed record RenameSession(Guid SessionId, string Label, DateTimeOffset At) : SessionCommand(SessionId, At);
