using Bunit;
using Journal.ControlRoom.Sessions;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Transcript;
using Journal.Projections.Querying;
using Journal.Projections.Runs;
using Journal.Projections.SessionDeltas;
using Journal.Projections.Sessions;
using Journal.Projections.ToolJobs;
using Journal.Projections.Transcript;

namespace Journal.ControlRoom.Tests.Components;

public sealed class SessionPageTests : ComponentTestBase
{
    private readonly List<TranscriptEntryView> _transcript = [];
    private readonly SessionView _session = Rows.Session("ada", "cli", label: "ada's chat");

    public SessionPageTests()
    {
        Mediator.On<GetSessionByIdQuery, SessionView>(_ => _session with { TranscriptEntryCount = _transcript.Count });
        Mediator.On<ListRunsOfSessionQuery, Page<RunView>>(_ => new Page<RunView>([], null));
        Mediator.On<ListToolJobsQuery, Page<ToolJobRow>>(_ => new Page<ToolJobRow>([], null));
        Mediator.On<ListSessionDeltasQuery, IReadOnlyList<SessionDelta>>(_ => []);
        Mediator.On<ListTranscriptQuery, Page<TranscriptEntryView>>(query =>
        {
            var rows = _transcript.Where(e => e.Sequence > query.AfterSequence).Take(query.Limit ?? 50).ToList();
            return new Page<TranscriptEntryView>(rows, rows.Count > 0 && rows[^1].Sequence < _transcript.Count ? "more" : null);
        });
    }

    [Fact]
    public void A_long_transcript_opens_on_its_newest_entries_and_shows_earlier_ones_on_request()
    {
        Append(700);

        var page = Render<SessionPage>(p => p.Add(c => c.SessionId, _session.SessionId));

        page.WaitForAssertion(() => Assert.Equal(500, page.FindAll("ol.transcript li").Count));
        Assert.Equal("201", page.Find("ol.transcript li").GetAttribute("data-sequence"));
        page.FindAll("button").Single(b => b.TextContent == "Show earlier entries").Click();
        Assert.Equal(700, page.FindAll("ol.transcript li").Count);
        Assert.Equal("1", page.Find("ol.transcript li").GetAttribute("data-sequence"));
        Assert.Empty(page.FindAll("button"));
    }

    [Fact]
    public void A_commit_brings_the_new_entry_asking_the_read_model_for_that_position()
    {
        Append(2);
        var page = Render<SessionPage>(p => p.Add(c => c.SessionId, _session.SessionId));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("ol.transcript li").Count));
        page.WaitForAssertion(() => Assert.True(Tape.HasFollowers));

        Append(1, "written after the page opened");
        Tape.Commit(42);

        page.WaitForAssertion(() => Assert.Contains("written after the page opened", page.FindAll("ol.transcript li")[^1].TextContent, StringComparison.Ordinal));
        Assert.Equal(3, page.FindAll("ol.transcript li").Count);
        Assert.Contains(Mediator.SentOf<ListTranscriptQuery>().ToList(), q => q.MinPosition == 42 && q.AfterSequence == 2);
    }

    [Fact]
    public void The_page_shows_the_session_s_tool_jobs_and_changes_sections_from_their_queries()
    {
        var page = Render<SessionPage>(p => p.Add(c => c.SessionId, _session.SessionId));

        page.WaitForAssertion(() => Assert.Contains("No tool jobs.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("No changes recorded.", page.Markup, StringComparison.Ordinal);
        Assert.StartsWith("Tool jobs", page.Find("h2#tool-jobs").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Changes", page.Find("h2#changes").TextContent, StringComparison.Ordinal);
        Assert.Contains(Mediator.SentOf<ListToolJobsQuery>(), q => q.SessionId == _session.SessionId);
        Assert.Contains(Mediator.SentOf<ListSessionDeltasQuery>(), q => q.SessionId == _session.SessionId);
    }

    [Fact]
    public async Task Leaving_the_page_stops_following_the_tape()
    {
        var page = Render<SessionPage>(p => p.Add(c => c.SessionId, _session.SessionId));
        page.WaitForAssertion(() => Assert.True(Tape.HasFollowers));

        await DisposeComponentsAsync();

        Assert.False(Tape.HasFollowers);
    }

    private void Append(int count, string? text = null)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = _transcript.Count + 1;
            _transcript.Add(new TranscriptEntryView(_session.SessionId, sequence, Guid.NewGuid(), TranscriptEntryKind.AssistantMessage, text ?? $"entry {sequence}", null, null, sequence, DateTimeOffset.UnixEpoch));
        }
    }
}
