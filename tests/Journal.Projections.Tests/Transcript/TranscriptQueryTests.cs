using Journal.Domain.Errors;
using Journal.Domain.Transcript;
using Journal.Projections.Tests.Support;
using Journal.Projections.Transcript;

namespace Journal.Projections.Tests.Transcript;

public sealed class TranscriptQueryTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static DateTimeOffset At(int seconds) => ReadSideScenario.Start.AddSeconds(seconds);

    [Fact]
    public async Task ListTranscript_returns_every_field_exactly_oldest_first_when_entries_were_appended()
    {
        var session = await _s.CreateSession();                                                                                 // t1
        var run = await _s.AcceptRun(session, Domain.Runs.RunKind.Background);                                                 // t2
        var first = await _s.Say(session, "list files");                                                                       // t3
        var second = await _s.Say(session, "ls -la", TranscriptEntryKind.ToolCall, run, "shell");                              // t4
        var third = await _s.Say(session, "total 0", TranscriptEntryKind.ToolResult, run, "shell");                            // t5

        var page = await _s.Query(new ListTranscriptQuery(session, MinPosition: _s.Position));

        Assert.Null(page.NextCursor);
        Assert.Equal(
            [
                (1L, TranscriptEntryKind.UserMessage, "list files", (Guid?)null, (string?)null, first.Position, At(3)),
                (2L, TranscriptEntryKind.ToolCall, "ls -la", run, "shell", second.Position, At(4)),
                (3L, TranscriptEntryKind.ToolResult, "total 0", run, "shell", third.Position, At(5)),
            ],
            page.Items.Select(e => (e.Sequence, e.Kind, e.Text, e.RunId, e.ToolName, e.Position, e.RecordedAt)));
        Assert.All(page.Items, e => Assert.Equal(session, e.SessionId));
        Assert.Equal(3, page.Items.Select(e => e.EntryId).Distinct().Count());
    }

    [Fact]
    public async Task ListTranscript_starts_after_the_given_sequence_and_stops_at_the_limit_when_both_are_given()
    {
        var session = await _s.CreateSession();
        for (var i = 1; i <= 5; i++)
        {
            await _s.Say(session, $"line {i}");
        }

        var page = await _s.Query(new ListTranscriptQuery(session, AfterSequence: 2, Limit: 2, MinPosition: _s.Position));
        var rest = await _s.Query(new ListTranscriptQuery(session, Cursor: page.NextCursor));

        Assert.Equal(["line 3", "line 4"], page.Items.Select(e => e.Text));
        Assert.Equal(["line 5"], rest.Items.Select(e => e.Text));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task ListTranscript_pages_through_every_entry_once_when_following_cursors()
    {
        var session = await _s.CreateSession();
        var other = await _s.CreateSession();
        for (var i = 1; i <= 7; i++)
        {
            await _s.Say(session, $"line {i}");
            await _s.Say(other, $"noise {i}");
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await _s.Query(new ListTranscriptQuery(session, Limit: 3, Cursor: cursor, MinPosition: _s.Position));
            seen.AddRange(page.Items.Select(e => e.Sequence));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], seen);
    }

    [Fact]
    public async Task ListTranscript_shows_the_redacted_text_when_the_entry_carried_a_secret()
    {
        var session = await _s.CreateSession();
        const string secret = "sk-proj1234567890abcdefXYZ";
        await _s.Say(session, $"use the key {secret} please");

        var entry = Assert.Single((await _s.Query(new ListTranscriptQuery(session, MinPosition: _s.Position))).Items);

        Assert.DoesNotContain(secret, entry.Text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTranscript_returns_each_text_and_kind_exactly_when_texts_hold_nul_quotes_and_non_ascii()
    {
        var session = await _s.CreateSession();
        var run = await _s.AcceptRun(session, Domain.Runs.RunKind.Background);
        string[] texts = ["a\0b", "\"quoted\" \\ back", "line\nbreak\ttab", "zürich ✓ 日本語 \U0001F600", "\u00e9\u0301", "<script>&amp;"];
        var kinds = Enum.GetValues<TranscriptEntryKind>();
        var said = new List<(TranscriptEntryKind, string)>();
        for (var i = 0; i < texts.Length; i++)
        {
            var kind = kinds[i % kinds.Length];
            var tool = kind is TranscriptEntryKind.ToolCall or TranscriptEntryKind.ToolResult ? "shell" : null;
            await _s.Say(session, texts[i], kind, tool is null ? null : run, tool);
            said.Add((kind, texts[i]));
        }

        var page = await _s.Query(new ListTranscriptQuery(session, MinPosition: _s.Position));

        Assert.Equal(said, page.Items.Select(e => (e.Kind, e.Text)));
    }

    [Fact]
    public async Task ListTranscript_returns_an_empty_page_when_the_session_has_no_entries()
    {
        var session = await _s.CreateSession();

        var page = await _s.Query(new ListTranscriptQuery(session, MinPosition: _s.Position));

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task ListTranscript_throws_ValidationException_when_the_cursor_sequence_or_limit_is_bad()
    {
        var session = await _s.CreateSession();
        var other = await _s.CreateSession();
        await _s.Say(other, "a");
        await _s.Say(other, "b");
        var foreign = (await _s.Query(new ListTranscriptQuery(other, Limit: 1, MinPosition: _s.Position))).NextCursor;

        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListTranscriptQuery(session, Cursor: foreign)));
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListTranscriptQuery(session, Cursor: "bm9wZQ")));
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListTranscriptQuery(session, AfterSequence: -1)));
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListTranscriptQuery(session, Limit: 501)));
    }
}
