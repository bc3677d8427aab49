using Journal.Domain.Errors;
using Journal.Domain.Tests.Deciding;
using Journal.Domain.Transcript;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Transcript;

public class TranscriptDeciderSpecs
{
    private static readonly Guid SessionId = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid RunId = Guid.Parse("22222222-0000-0000-0000-000000000001");
    private static readonly Guid E1 = Guid.Parse("33333333-0000-0000-0000-000000000001");
    private static readonly Guid E2 = Guid.Parse("33333333-0000-0000-0000-000000000002");
    private static readonly Guid E3 = Guid.Parse("33333333-0000-0000-0000-000000000003");

    private static readonly TranscriptEntryAppended First = new(SessionId, E1, 1, TranscriptEntryKind.UserMessage, "hi", null, null, T0);
    private static readonly TranscriptEntryAppended Second = new(SessionId, E2, 2, TranscriptEntryKind.AssistantMessage, "hello", RunId, null, T1);

    private static Spec<TranscriptCommand, ITranscriptEvent, TranscriptState> Transcript =>
        new(TranscriptDecider.Initial, TranscriptDecider.Decide, TranscriptDecider.Evolve);

    [Fact]
    public void Given_nothing_When_append_Then_entry_number_1() =>
        Transcript.Given()
            .When(new AppendTranscriptEntry(SessionId, E1, TranscriptEntryKind.UserMessage, "hi", null, null, T0))
            .Then(First);

    [Fact]
    public void Given_two_entries_When_append_Then_entry_number_3() =>
        Transcript.Given(First, Second)
            .When(new AppendTranscriptEntry(SessionId, E3, TranscriptEntryKind.ToolCall, "{\"cmd\":\"ls\"}", RunId, "shell", T2))
            .Then(new TranscriptEntryAppended(SessionId, E3, 3, TranscriptEntryKind.ToolCall, "{\"cmd\":\"ls\"}", RunId, "shell", T2));

    [Theory]
    [InlineData(TranscriptEntryKind.UserMessage, null)]
    [InlineData(TranscriptEntryKind.AssistantMessage, null)]
    [InlineData(TranscriptEntryKind.ToolCall, "fs.read")]
    [InlineData(TranscriptEntryKind.ToolResult, "fs.read")]
    [InlineData(TranscriptEntryKind.StateTransition, null)]
    public void Given_nothing_When_append_each_kind_Then_appended(TranscriptEntryKind kind, string? tool) =>
        Transcript.Given()
            .When(new AppendTranscriptEntry(SessionId, E1, kind, "line 1\nline 2", RunId, tool, T0))
            .Then(new TranscriptEntryAppended(SessionId, E1, 1, kind, "line 1\nline 2", RunId, tool, T0));

    [Fact]
    public void Given_nothing_When_append_text_at_the_limit_Then_appended()
    {
        var text = new string('a', TranscriptLimits.TextMaxLength);
        Transcript.Given()
            .When(new AppendTranscriptEntry(SessionId, E1, TranscriptEntryKind.UserMessage, text, null, null, T0))
            .Then(new TranscriptEntryAppended(SessionId, E1, 1, TranscriptEntryKind.UserMessage, text, null, null, T0));
    }

    public static TheoryData<string, Guid, Guid, TranscriptEntryKind, string, Guid?, string?> InvalidAppends() => new()
    {
        { "SessionId", Guid.Empty, E1, TranscriptEntryKind.UserMessage, "x", null, null },
        { "EntryId", SessionId, Guid.Empty, TranscriptEntryKind.UserMessage, "x", null, null },
        { "Kind", SessionId, E1, (TranscriptEntryKind)99, "x", null, null },
        { "Text", SessionId, E1, TranscriptEntryKind.UserMessage, "", null, null },
        { "Text", SessionId, E1, TranscriptEntryKind.UserMessage, new string('a', TranscriptLimits.TextMaxLength + 1), null, null },
        { "ToolName", SessionId, E1, TranscriptEntryKind.ToolCall, "x", null, null },
        { "ToolName", SessionId, E1, TranscriptEntryKind.ToolResult, "x", null, "bad name" },
        { "ToolName", SessionId, E1, TranscriptEntryKind.UserMessage, "x", null, "shell" },
        { "RunId", SessionId, E1, TranscriptEntryKind.UserMessage, "x", Guid.Empty, null },
    };

    [Theory]
    [MemberData(nameof(InvalidAppends))]
    public void Given_nothing_When_append_with_an_invalid_field_Then_validation_names_the_field(
        string field, Guid sessionId, Guid entryId, TranscriptEntryKind kind, string text, Guid? runId, string? tool) =>
        Transcript.Given().When(new AppendTranscriptEntry(sessionId, entryId, kind, text, runId, tool, T0)).ThenInvalid(field);

    [Fact]
    public void Given_entries_When_close_Then_closed() =>
        Transcript.Given(First, Second).When(new CloseTranscript(SessionId, T2)).Then(new TranscriptClosed(SessionId, T2));

    [Fact]
    public void Given_closed_When_append_Then_transcript_closed() =>
        Transcript.Given(First, new TranscriptClosed(SessionId, T1))
            .When(new AppendTranscriptEntry(SessionId, E2, TranscriptEntryKind.UserMessage, "late", null, null, T2))
            .ThenThrows<RuleViolationException>("transcript.closed");

    [Fact]
    public void Given_closed_When_close_again_Then_transcript_closed() =>
        Transcript.Given(new TranscriptClosed(SessionId, T1)).When(new CloseTranscript(SessionId, T2)).ThenThrows<RuleViolationException>("transcript.closed");

    [Fact]
    public void Given_ten_thousand_entries_When_evolved_Then_the_state_is_only_a_counter()
    {
        var state = TranscriptDecider.Initial;
        for (var i = 1; i <= 10_000; i++)
        {
            state = TranscriptDecider.Evolve(state, First with { Sequence = i });
        }

        Assert.Equal(new TranscriptState(10_001, false), state);
        Transcript.Given(First with { Sequence = 10_000 })
            .When(new AppendTranscriptEntry(SessionId, E2, TranscriptEntryKind.UserMessage, "n", null, null, T1))
            .Then(new TranscriptEntryAppended(SessionId, E2, 10_001, TranscriptEntryKind.UserMessage, "n", null, null, T1));
    }

    [Fact]
    public void Given_nothing_When_stream_named_Then_transcript_dash_session_id() =>
        Assert.Equal("transcript-11111111-0000-0000-0000-000000000001", TranscriptDecider.StreamFor(SessionId).Value);
}
