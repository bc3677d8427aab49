namespace Journal.Domain.Transcript;

/// <summary>A command decided by <see cref="TranscriptDecider"/>.</summary>
/// <param name="SessionId">The session whose transcript the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record TranscriptCommand(Guid SessionId, DateTimeOffset At);
