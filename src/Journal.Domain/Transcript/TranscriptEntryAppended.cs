using Journal.Domain.Tape;

namespace Journal.Domain.Transcript;

/// <summary>An entry was added to a session's transcript.</summary>
/// <param name="EntryId">The entry's id, chosen by the caller.</param>
/// <param name="Sequence">Its number in the transcript: 1, 2, 3, ... without gaps.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Text">Its text.</param>
/// <param name="RunId">The run it belongs to, if any.</param>
/// <param name="ToolName">The tool, for tool calls and results.</param>
/// <param name="At">When.</param>
[EventType("transcript.entry_appended.v1")]
public sealed record TranscriptEntryAppended(
    Guid SessionId,
    Guid EntryId,
    long Sequence,
    TranscriptEntryKind Kind,
    string Text,
    Guid? RunId,
    string? ToolName,
    DateTimeOffset At) : ITranscriptEvent;
