using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using Journal.Domain.Errors;

namespace Journal.Domain.Transcript;

/// <summary>
/// Decides the commands of one session's transcript. Stream: <c>transcript-{sessionId}</c>. The
/// stream starts with its first entry; no "opened" event is needed.
/// </summary>
public static class TranscriptDecider
{
    /// <summary>The stream of one aggregate: <c>transcript-{sessionId}</c>.</summary>
    public static StreamId StreamFor(Guid sessionId) =>
        StreamId.For("transcript", sessionId.ToString("D", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The state before the first event: the first entry is number 1.</summary>
    public static TranscriptState Initial { get; } = new(1, false);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<TranscriptCommand, TranscriptState, ITranscriptEvent> Value { get; } = new(c => StreamFor(c.SessionId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <exception cref="ValidationException">A field is invalid.</exception>
    /// <exception cref="RuleViolationException"><c>transcript.closed</c>.</exception>
    public static IReadOnlyList<ITranscriptEvent> Decide(TranscriptCommand command, TranscriptState state) => command switch
    {
        AppendTranscriptEntry c => Append(c, state),
        CloseTranscript c => [new TranscriptClosed(Open(c, state).SessionId, c.At)],
        _ => throw new ArgumentException($"unknown transcript command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static TranscriptState Evolve(TranscriptState state, ITranscriptEvent @event) => @event switch
    {
        TranscriptEntryAppended e => state with { NextSequence = e.Sequence + 1 },
        TranscriptClosed => state with { Closed = true },
        _ => state,
    };

    private static TranscriptEntryAppended[] Append(AppendTranscriptEntry c, TranscriptState state)
    {
        Require.Id(c.SessionId, nameof(c.SessionId));
        Require.Id(c.EntryId, nameof(c.EntryId));
        if (!Enum.IsDefined(c.Kind))
        {
            throw new ValidationException(nameof(c.Kind), "is not a known entry kind");
        }

        if (string.IsNullOrEmpty(c.Text))
        {
            throw new ValidationException(nameof(c.Text), "must not be empty");
        }

        if (c.Text.Length > TranscriptLimits.TextMaxLength)
        {
            throw new ValidationException(nameof(c.Text), $"must be at most {TranscriptLimits.TextMaxLength} characters");
        }

        var isTool = c.Kind is TranscriptEntryKind.ToolCall or TranscriptEntryKind.ToolResult;
        string? tool = null;
        if (isTool)
        {
            tool = Require.Key(c.ToolName, nameof(c.ToolName), TranscriptLimits.ToolNameMaxLength);
        }
        else if (c.ToolName is not null)
        {
            throw new ValidationException(nameof(c.ToolName), "is only for tool calls and tool results");
        }

        if (c.RunId == Guid.Empty)
        {
            throw new ValidationException(nameof(c.RunId), "must not be the empty id");
        }

        Open(c, state);
        return [new TranscriptEntryAppended(c.SessionId, c.EntryId, state.NextSequence, c.Kind, c.Text, c.RunId, tool, c.At)];
    }

    private static TranscriptCommand Open(TranscriptCommand c, TranscriptState state) =>
        state.Closed
            ? throw Refuse.Rule("transcript.closed", $"the transcript of session {c.SessionId} is closed")
            : c;
}
