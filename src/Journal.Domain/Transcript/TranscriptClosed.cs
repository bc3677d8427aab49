using Journal.Domain.Tape;

namespace Journal.Domain.Transcript;

/// <summary>The transcript takes no more entries (its session was archived).</summary>
/// <param name="At">When.</param>
[EventType("transcript.closed.v1")]
public sealed record TranscriptClosed(Guid SessionId, DateTimeOffset At) : ITranscriptEvent;
