namespace Journal.Domain.Sessions;

/// <summary>Makes a run the session's active foreground run; refused while another one is active.</summary>
/// <param name="RunId">The foreground run being accepted.</param>
/// <param name="At">The current time.</param>
public sealed record AttachForegroundRun(Guid SessionId, Guid RunId, DateTimeOffset At) : SessionCommand(SessionId, At);
