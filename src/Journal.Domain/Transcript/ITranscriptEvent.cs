namespace Journal.Domain.Transcript;

/// <summary>Marker of the events of one session's transcript stream, <c>transcript-{sessionId}</c>.</summary>
public interface ITranscriptEvent;
