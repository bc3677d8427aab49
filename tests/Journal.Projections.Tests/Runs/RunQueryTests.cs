using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Projections.Runs;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Runs;

public sealed class RunQueryTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private static DateTimeOffset At(int seconds) => ReadSideScenario.Start.AddSeconds(seconds);

    private Task<long> Seq(Guid run, long version) => _s.SeqOf(RunDecider.StreamFor(run), version);

    [Fact]
    public async Task GetRun_returns_every_field_exactly_when_the_run_used_tokens_was_asked_to_cancel_and_failed()
    {
        var session = await _s.CreateSession();                                     // t1
        var run = await _s.AcceptRun(session);                                      // t2, v1
        await _s.Send(new StartRunRequest(run));                                    // t3, v2
        await _s.Send(new RecordRunTokenUsageRequest(run, 10, 5));                  // t4, v3
        await _s.Send(new RecordRunTokenUsageRequest(run, 3, 2));                   // t5, v4
        await _s.Send(new RequestRunCancelRequest(run, "bob"));                     // t6, v5
        await _s.Send(new FailRunRequest(run, "boom"));                             // t7, v6

        var view = await _s.Query(new GetRunQuery(run, _s.Position));

        Assert.Equal(
            new RunView(run, session, RunKind.Foreground, null, RunStatus.Failed, true, 13, 7, At(2), At(3), At(7), "boom", false, await Seq(run, 1), 6, await Seq(run, 6)),
            view);
    }

    [Fact]
    public async Task GetRun_shows_a_delegated_runs_parent_and_a_succeeded_end_when_completed()
    {
        var session = await _s.CreateSession();
        var parent = await _s.AcceptRun(session, RunKind.Background);
        var child = Guid.NewGuid();
        await _s.Send(new AcceptRunRequest(child, session, RunKind.Delegated, parent));
        await _s.Send(new StartRunRequest(child));
        await _s.Send(new CompleteRunRequest(child, "ok"));

        var view = await _s.Query(new GetRunQuery(child, _s.Position));

        Assert.Equal((RunKind.Delegated, parent, RunStatus.Succeeded, At(5), (string?)null), (view.Kind, view.ParentRunId!.Value, view.Status, view.EndedAt!.Value, view.FailureReason));
    }

    [Fact]
    public async Task GetRun_marks_the_run_orphaned_when_crash_recovery_failed_it()
    {
        var session = await _s.CreateSession();
        var run = await _s.AcceptRun(session);
        await _s.Send(new StartRunRequest(run));
        await _s.Send(new RecoverInterruptedWorkRequest());

        var view = await _s.Query(new GetRunQuery(run, _s.Position));

        Assert.Equal((RunStatus.Failed, true, RecoverInterruptedWorkRequest.Reason, At(4)), (view.Status, view.Orphaned, view.FailureReason, view.EndedAt!.Value));
    }

    [Fact]
    public async Task GetRun_throws_NotFound_when_the_run_does_not_exist()
    {
        await _s.CreateSession();
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _s.Query(new GetRunQuery(missing, _s.Position)));

        Assert.Equal(("run.not_found", missing.ToString()), (error.Code, error.Id));
    }

    [Fact]
    public async Task ListRunsOfSession_pages_newest_first_without_gaps_or_duplicates_when_following_cursors()
    {
        var session = await _s.CreateSession();
        var other = await _s.CreateSession();
        var runs = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            runs.Add(await _s.AcceptRun(session, RunKind.Background));
            await _s.AcceptRun(other, RunKind.Background);
        }

        var seen = new List<Guid>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await _s.Query(new ListRunsOfSessionQuery(session, cursor, 2, _s.Position));
            seen.AddRange(page.Items.Select(r => r.RunId));
            sizes.Add(page.Items.Count);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(runs), seen);
        Assert.Equal([2, 2, 1], sizes);
    }

    [Fact]
    public async Task ListRunsOfSession_returns_an_empty_page_when_the_session_has_no_runs()
    {
        var session = await _s.CreateSession();

        var page = await _s.Query(new ListRunsOfSessionQuery(session, MinPosition: _s.Position));

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListRunsOfSession_throws_ValidationException_when_the_cursor_is_bad_or_of_another_session()
    {
        var session = await _s.CreateSession();
        var other = await _s.CreateSession();
        await _s.AcceptRun(other, RunKind.Background);
        await _s.AcceptRun(other, RunKind.Background);
        var foreign = (await _s.Query(new ListRunsOfSessionQuery(other, Limit: 1, MinPosition: _s.Position))).NextCursor;

        Assert.NotNull(foreign);
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListRunsOfSessionQuery(session, foreign)));
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListRunsOfSessionQuery(session, "%%%")));
        await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListRunsOfSessionQuery(session, Limit: 0)));
    }

    [Fact]
    public async Task ListRecentRuns_returns_the_latest_runs_of_every_session_newest_first_with_their_tokens()
    {
        var session = await _s.CreateSession();
        var other = await _s.CreateSession();
        var runs = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await _s.AcceptRun(i % 2 == 0 ? session : other, RunKind.Background));
        }

        await _s.Send(new RecordRunTokenUsageRequest(runs[1], 100, 20));

        var latest = await _s.Query(new ListRecentRunsQuery(2, _s.Position));
        var all = await _s.Query(new ListRecentRunsQuery(MinPosition: _s.Position));

        Assert.Equal([runs[2], runs[1]], latest.Select(r => r.RunId));
        Assert.Equal((other, 100L, 20L), (latest[1].SessionId, latest[1].InputTokens, latest[1].OutputTokens));
        Assert.Equal(Enumerable.Reverse(runs), all.Select(r => r.RunId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ListRecentRunsQuery.MaxLimit + 1)]
    public async Task ListRecentRuns_throws_ValidationException_when_the_limit_is_out_of_range(int limit)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new ListRecentRunsQuery(limit)));

        Assert.Equal("limit", error.Field);
    }
}
