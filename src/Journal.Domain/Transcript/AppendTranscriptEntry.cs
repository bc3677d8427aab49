namespace Journal.Domain.Transcript;

/// <summary>Adds an entry at the end of a session's transcript. The handler checks that the session exists.</summary>
/// <param name="EntryId">The new entry's id, chosen by the caller.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Text">Its text, not empty, at most <see cref="TranscriptLimits.TextMaxLength"/> characters.</param>
/// <param name="RunId">The run it belongs to, optional.</param>
/// <param name="ToolName">Required for tool calls and results, refused for other kinds.</param>
/// <param name="At">The current time.</param>
public sealed record AppendTranscriptEntry(
    Guid SessionId,
    Guid EntryId,
    TranscriptEntryKind Kind,
    string Text,
    Guid? RunId,
    string? ToolName,
    DateTimeOffset At) : TranscriptCommand(SessionId, At);
