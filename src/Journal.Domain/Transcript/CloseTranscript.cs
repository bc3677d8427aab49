namespace Journal.Domain.Transcript;

/// <summary>Closes a transcript; the handler appends it with <see cref="Sessions.SessionArchived"/>.</summary>
/// <param name="At">The current time.</param>
public sealed record CloseTranscript(Guid SessionId, DateTimeOffset At) : TranscriptCommand(SessionId, At);
