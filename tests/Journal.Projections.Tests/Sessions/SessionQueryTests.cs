using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Sessions;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Sessions;

public sealed class SessionQueryTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private DateTimeOffset At(int seconds) => ReadSideScenario.Start.AddSeconds(seconds);

    [Fact]
    public async Task GetSessionById_returns_every_field_exactly_when_the_session_was_renamed_ran_and_talked()
    {
        var id = await _s.CreateSession("alice", "laptop", "cli", "k-1", "first");
        await _s.Send(new RenameSessionRequest(id, "second"));
        var run = await _s.AcceptRun(id);
        await _s.Send(new StartRunRequest(run));
        await _s.Say(id, "hello");
        await _s.Send(new CompleteRunRequest(run, "done"));

        var view = await _s.Query(new GetSessionByIdQuery(id, _s.Position));

        // Session stream: created (v1), renamed (v2), the foreground run attached (v3) and detached (v4), the
        // detach appended right after the run's end, so it is the last event that changed the view.
        var succeeded = await _s.SeqOf(RunDecider.StreamFor(run), 3);
        var detached = await _s.SeqOf(Domain.Sessions.SessionDecider.StreamFor(id), 4);
        Assert.Equal(succeeded + 1, detached);
        Assert.Equal(new SessionView(id, "alice", "laptop", "cli", "k-1", "second", "active", At(1), At(6), null, run, RunStatus.Succeeded, 1, 1, null, 4, detached), view);
    }

    [Fact]
    public async Task GetSessionById_carries_the_session_streams_version_on_the_tape_when_runs_and_transcript_entries_came_between()
    {
        var id = await _s.CreateSession();                              // session v1
        var run = await _s.AcceptRun(id);                               // run v1, session v2 (attached)
        await _s.Say(id, "hello");                                      // transcript stream
        await _s.Send(new StartRunRequest(run));                        // run v2
        var attached = await _s.Query(new GetSessionByIdQuery(id, _s.Position));
        await _s.Send(new RenameSessionRequest(id, "renamed"));         // session v3
        await _s.Send(new RecordRunTokenUsageRequest(run, 4, 2));       // run v3
        await _s.Send(new CompleteRunRequest(run, "done"));             // run v4, session v4 (detached)
        await _s.Say(id, "bye");                                        // transcript stream

        var view = await _s.Query(new GetSessionByIdQuery(id, _s.Position));
        var onTape = await _s.Journal.Store.ReadStreamVersionAsync(Domain.Sessions.SessionDecider.StreamFor(id), default);

        Assert.Equal((2L, run), (attached.StreamVersion, attached.ForegroundRunId!.Value));
        Assert.Equal((4L, 4L), (onTape, view.StreamVersion));
        Assert.Null(view.ForegroundRunId);
        Assert.Equal(_s.Position, view.LastPosition);
    }

    [Fact]
    public async Task GetSessionById_shows_the_archive_when_the_session_was_archived()
    {
        var id = await _s.CreateSession(label: "x");
        await _s.Send(new ArchiveSessionRequest(id, "done"));

        var view = await _s.Query(new GetSessionByIdQuery(id, _s.Position));

        Assert.Equal(("archived", At(2), At(2)), (view.State, view.ArchivedAt!.Value, view.UpdatedAt));
        Assert.Equal(await _s.SeqOf(Domain.Sessions.SessionDecider.StreamFor(id), 2), view.LastPosition);
    }

    [Fact]
    public async Task GetSessionById_throws_NotFound_when_the_session_does_not_exist()
    {
        await _s.CreateSession();
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetSessionByIdQuery(missing, _s.Position)));

        Assert.Equal(("session.not_found", "session", missing.ToString()), (error.Code, error.Kind, error.Id));
    }

    [Fact]
    public async Task GetSessionById_counts_runs_but_keeps_the_last_runs_status_when_an_older_run_ends_later()
    {
        var id = await _s.CreateSession();
        var first = await _s.AcceptRun(id, RunKind.Background);
        var second = await _s.AcceptRun(id, RunKind.Background);
        await _s.Send(new CancelRunRequest(first, "stop"));

        var view = await _s.Query(new GetSessionByIdQuery(id, _s.Position));

        Assert.Equal((second, RunStatus.Accepted, 2, At(3)), (view.LastRunId!.Value, view.LastRunStatus!.Value, view.RunCount, view.UpdatedAt));
    }

    [Fact]
    public async Task GetSessionById_shows_the_last_runs_failure_or_cancellation_when_it_ends_that_way()
    {
        var failing = await _s.CreateSession();
        var cancelling = await _s.CreateSession();
        var failed = await _s.AcceptRun(failing);
        var cancelled = await _s.AcceptRun(cancelling);
        await _s.Send(new FailRunRequest(failed, "boom"));
        await _s.Send(new CancelRunRequest(cancelled));

        var one = await _s.Query(new GetSessionByIdQuery(failing, _s.Position));
        var two = await _s.Query(new GetSessionByIdQuery(cancelling, _s.Position));

        Assert.Equal((RunStatus.Failed, At(5)), (one.LastRunStatus!.Value, one.UpdatedAt));
        Assert.Equal((RunStatus.Cancelled, At(6)), (two.LastRunStatus!.Value, two.UpdatedAt));
    }

    [Fact]
    public async Task ListSessions_filters_by_principal_channel_and_state_when_given()
    {
        var aliceCli = await _s.CreateSession("alice", channel: "cli");
        var aliceWeb = await _s.CreateSession("alice", channel: "web");
        var bobCli = await _s.CreateSession("bob", channel: "cli");
        var bobWeb = await _s.CreateSession("bob", channel: "web");
        await _s.Send(new ArchiveSessionRequest(bobWeb));

        async Task<Guid[]> Ids(ListSessionsQuery q) => [.. (await _s.Query(q with { MinPosition = _s.Position })).Items.Select(v => v.SessionId)];

        Assert.Equal([bobWeb, bobCli, aliceWeb, aliceCli], await Ids(new ListSessionsQuery()));
        Assert.Equal([aliceWeb, aliceCli], await Ids(new ListSessionsQuery(Principal: "alice")));
        Assert.Equal([bobCli, aliceCli], await Ids(new ListSessionsQuery(Channel: "cli")));
        Assert.Equal([bobWeb], await Ids(new ListSessionsQuery(State: "archived")));
        Assert.Equal([bobCli], await Ids(new ListSessionsQuery(Principal: "bob", State: "active")));
        Assert.Equal([bobWeb], await Ids(new ListSessionsQuery(Principal: "bob", Channel: "web")));
        Assert.Empty(await Ids(new ListSessionsQuery(Principal: "carol")));
    }

    [Fact]
    public async Task ListSessions_orders_by_last_change_when_an_older_session_changes()
    {
        var older = await _s.CreateSession();
        var newer = await _s.CreateSession();
        await _s.Send(new RenameSessionRequest(older, "touched"));

        var page = await _s.Query(new ListSessionsQuery(MinPosition: _s.Position));

        Assert.Equal([older, newer], page.Items.Select(v => v.SessionId));
    }

    [Fact]
    public async Task ListSessions_pages_through_every_session_once_when_following_cursors_across_ties()
    {
        var distinct = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            distinct.Add(await _s.CreateSession());
        }

        _s.Clock.Step(TimeSpan.FromSeconds(1));
        var tied = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var id = Guid.NewGuid();
            await _s.SendNow(new CreateSessionRequest(id, "alice", "laptop", "cli"));
            tied.Add(id);
        }

        var seen = new List<Guid>();
        var pages = new List<int>();
        string? cursor = null;
        do
        {
            var page = await _s.Query(new ListSessionsQuery(Cursor: cursor, Limit: 3, MinPosition: _s.Position));
            seen.AddRange(page.Items.Select(v => v.SessionId));
            pages.Add(page.Items.Count);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var expected = tied.OrderByDescending(g => g.ToString()).Concat(Enumerable.Reverse(distinct));
        Assert.Equal(expected, seen);
        Assert.Equal([3, 3, 1], pages);
    }

    [Fact]
    public async Task ListSessions_ends_without_a_cursor_when_the_page_is_exactly_full()
    {
        await _s.CreateSession();
        await _s.CreateSession();

        var page = await _s.Query(new ListSessionsQuery(Limit: 2, MinPosition: _s.Position));

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("not a cursor", null, null)]
    [InlineData("WyJydW5zLm9mX3Nlc3Npb24iLCJhIiwiMSJd", null, null)]
    [InlineData(null, 0, null)]
    [InlineData(null, 501, null)]
    [InlineData(null, null, "deleted")]
    public async Task ListSessions_throws_ValidationException_when_the_cursor_limit_or_state_is_bad(string? cursor, int? limit, string? state)
    {
        await _s.CreateSession();

        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListSessionsQuery(State: state, Cursor: cursor, Limit: limit, MinPosition: _s.Position)));
    }

    [Fact]
    public async Task GetSessionByKey_answers_with_the_live_holder_only_when_the_key_was_released_and_claimed_again()
    {
        var first = await _s.CreateSession(key: "dev-box");
        await _s.Send(new ArchiveSessionRequest(first));
        var second = await _s.CreateSession(key: "dev-box");

        var live = await _s.Query(new GetSessionByKeyQuery("dev-box", _s.Position));
        await _s.Send(new ArchiveSessionRequest(second));
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetSessionByKeyQuery("dev-box", _s.Position)));

        Assert.Equal((second, "active"), (live.SessionId, live.State));
        Assert.Equal(("session", "dev-box"), (error.Kind, error.Id));
    }

    [Fact]
    public async Task GetSessionByLabel_returns_every_match_newest_first_when_labels_repeat()
    {
        var first = await _s.CreateSession(label: "daily");
        await _s.CreateSession(label: "other");
        var second = await _s.CreateSession(label: "daily");
        await _s.Send(new ArchiveSessionRequest(first));

        var matches = await _s.Query(new GetSessionByLabelQuery("daily", MinPosition: _s.Position));

        Assert.Equal([(second, "active"), (first, "archived")], matches.Select(v => (v.SessionId, v.State)));
    }

    [Fact]
    public async Task GetSessionByLabel_throws_NotFound_when_no_session_carries_the_label()
    {
        await _s.CreateSession(label: "daily");

        await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetSessionByLabelQuery("weekly", MinPosition: _s.Position)));
    }
}
