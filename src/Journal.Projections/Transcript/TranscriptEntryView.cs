using Journal.Domain.Transcript;

namespace Journal.Projections.Transcript;

/// <summary>One transcript entry as the read side shows it: a row of <c>transcript_v1_entries</c>.</summary>
/// <param name="Sequence">Its number in the transcript: 1, 2, 3, ...</param>
/// <param name="EntryId">The entry's id.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Text">Its text, as redacted on the tape.</param>
/// <param name="RunId">The run it belongs to, if any.</param>
/// <param name="ToolName">The tool, for tool calls and results.</param>
/// <param name="Position">Its tape position.</param>
/// <param name="RecordedAt">When the tape recorded it (whole milliseconds, UTC).</param>
public sealed record TranscriptEntryView(
    Guid SessionId,
    long Sequence,
    Guid EntryId,
    TranscriptEntryKind Kind,
    string Text,
    Guid? RunId,
    string? ToolName,
    long Position,
    DateTimeOffset RecordedAt);
