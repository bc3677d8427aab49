using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.ToolJobs;
using Journal.Domain.ToolJobs.UseCases;
using Journal.Projections.Querying;
using Journal.Projections.Tests.Support;
using Journal.Projections.ToolJobs;

namespace Journal.Projections.Tests.ToolJobs;

public sealed class ToolJobQueryTests : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new(AdjustableClock.Start);
    private readonly JournalFixture _f;

    public ToolJobQueryTests() => _f = new JournalFixture(_clock);

    public Task InitializeAsync() => _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task GetToolJobQuery_returns_the_job_and_its_bounded_tail_oldest_first_when_the_job_failed()
    {
        var session = await Session();
        var run = Guid.NewGuid();
        var job = Guid.NewGuid();
        var queuedAt = _clock.GetUtcNow();
        await _f.Send(new QueueToolJobRequest(job, session, "shell", run, "{\"cmd\":\"ls\"}"));
        var startedAt = _clock.Advance(TimeSpan.FromSeconds(1));
        await _f.Send(new StartToolJobRequest(job));
        await _f.Send(new AppendToolJobOutputRequest(job, ToolOutputStream.Stdout, "alpha\n", MaxTailBytes: 12));
        await _f.Send(new AppendToolJobOutputRequest(job, ToolOutputStream.Stderr, "beta\n", MaxTailBytes: 12));
        await _f.Send(new AppendToolJobOutputRequest(job, ToolOutputStream.Stdout, "gamma\n", MaxTailBytes: 12));
        var endedAt = _clock.Advance(TimeSpan.FromSeconds(2));
        var failed = await _f.Send(new FailToolJobRequest(job, "boom", 2));

        var view = await _f.Query(new GetToolJobQuery(job, failed.Position));

        Assert.Equal(
            new ToolJobRow(job, session, run, "shell", "{\"cmd\":\"ls\"}", ToolJobStatus.Failed, 1, 2, "boom", false, queuedAt, startedAt, endedAt, 3, 6, failed.Position),
            view.Job);
        Assert.Equal(0, view.Job.Retries);
        Assert.Equal(
            [
                new ToolOutputChunkRow(1, ToolOutputStream.Stderr, "beta\n", 5, Sha256Hex.Of("beta\n"), startedAt),
                new ToolOutputChunkRow(2, ToolOutputStream.Stdout, "gamma\n", 6, Sha256Hex.Of("gamma\n"), startedAt),
            ],
            view.Tail);
        Assert.Equal(11, view.TailBytes);
    }

    [Fact]
    public async Task GetToolJobQuery_shows_a_fresh_attempt_with_an_empty_tail_when_a_failed_job_is_retried()
    {
        var session = await Session();
        var job = Guid.NewGuid();
        await _f.Send(new QueueToolJobRequest(job, session, "shell"));
        await _f.Send(new StartToolJobRequest(job));
        await _f.Send(new AppendToolJobOutputRequest(job, ToolOutputStream.Stdout, "partial"));
        await _f.Send(new TimeOutToolJobRequest(job));
        var retried = await _f.Send(new RetryToolJobRequest(job, "retry-1"));

        var view = await _f.Query(new GetToolJobQuery(job, retried.Position));

        Assert.Equal(ToolJobStatus.Queued, view.Job.Status);
        Assert.Equal(2, view.Job.Attempt);
        Assert.Equal(1, view.Job.Retries);
        Assert.Null(view.Job.StartedAt);
        Assert.Null(view.Job.EndedAt);
        Assert.Equal(1, view.Job.OutputChunks);
        Assert.Empty(view.Tail);
    }

    [Fact]
    public async Task ListToolJobsQuery_filters_by_status_and_session_newest_first_when_asked()
    {
        var first = await Session();
        var second = await Session();
        var a = await Queue(first);
        var b = await Queue(first);
        var c = await Queue(second);
        await _f.Send(new StartToolJobRequest(a));
        var last = await _f.Send(new StartToolJobRequest(c));

        var all = await _f.Query(new ListToolJobsQuery(MinPosition: last.Position));
        var running = await _f.Query(new ListToolJobsQuery(ToolJobStatus.Running));
        var ofFirst = await _f.Query(new ListToolJobsQuery(SessionId: first));
        var runningOfFirst = await _f.Query(new ListToolJobsQuery(ToolJobStatus.Running, first));
        var succeeded = await _f.Query(new ListToolJobsQuery(ToolJobStatus.Succeeded));

        Assert.Equal([c, b, a], all.Items.Select(j => j.JobId));
        Assert.Null(all.NextCursor);
        Assert.Equal([c, a], running.Items.Select(j => j.JobId));
        Assert.Equal([b, a], ofFirst.Items.Select(j => j.JobId));
        Assert.Equal([a], runningOfFirst.Items.Select(j => j.JobId));
        Assert.Empty(succeeded.Items);
    }

    [Fact]
    public async Task ListToolJobsQuery_pages_through_every_job_once_when_following_cursors()
    {
        var session = await Session();
        var jobs = new List<Guid>();
        long position = 0;
        for (var i = 0; i < 7; i++)
        {
            var id = Guid.NewGuid();
            jobs.Add(id);
            position = (await _f.Send(new QueueToolJobRequest(id, session, "shell"))).Position;

            // Every other job at the same instant: the id breaks the tie, and the cursor must too.
            if (i % 2 == 1)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var seen = new List<ToolJobRow>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _f.Query(new ListToolJobsQuery(Cursor: cursor, Limit: 3, MinPosition: position));
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        var expected = jobs.Select((id, i) => (id, at: i / 2)).OrderByDescending(j => j.at).ThenByDescending(j => j.id.ToString("D")).Select(j => j.id);
        Assert.Equal(expected, seen.Select(j => j.JobId));
    }

    [Theory]
    [InlineData("not-a-cursor", null)]
    [InlineData("WyJhcHByb3ZhbHMiLCIxIiwiMiIsIjMiXQ", null)]
    [InlineData(null, 0)]
    [InlineData(null, 501)]
    public async Task ListToolJobsQuery_throws_ValidationException_when_the_cursor_or_limit_is_bad(string? cursor, int? limit)
    {
        await Assert.ThrowsAsync<ValidationException>(() => _f.Query(new ListToolJobsQuery(Cursor: cursor, Limit: limit)));
    }

    [Fact]
    public async Task GetToolJobQuery_throws_NotFoundException_when_the_job_is_unknown()
    {
        await _f.Daemon.CatchUpAsync(default);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetToolJobQuery(Guid.NewGuid())));

        Assert.Equal("tooljob", ex.Kind);
    }

    [Fact]
    public async Task GetToolJobAtQuery_returns_the_job_as_it_was_when_given_a_stream_version_or_position()
    {
        var session = await Session();
        var job = Guid.NewGuid();
        var queued = await _f.Send(new QueueToolJobRequest(job, session, "shell"));
        var started = await _f.Send(new StartToolJobRequest(job));
        var output = await _f.Send(new AppendToolJobOutputRequest(job, ToolOutputStream.Stdout, "hello"));
        var done = await _f.Send(new CompleteToolJobRequest(job, 0));

        var atOne = await _f.Query(new GetToolJobAtQuery(job, StreamVersion: 1));
        var atOutput = await _f.Query(new GetToolJobAtQuery(job, Position: output.Position));
        var atStarted = await _f.Query(new GetToolJobAtQuery(job, StreamVersion: 3, Position: started.Position));
        var latest = await _f.Query(new GetToolJobAtQuery(job));
        var live = await _f.Query(new GetToolJobQuery(job, done.Position));

        Assert.Equal((ToolJobStatus.Queued, 1L, queued.Position), (atOne.Job.Status, atOne.Job.StreamVersion, atOne.Job.LastPosition));
        Assert.Equal((ToolJobStatus.Running, 3L, "hello"), (atOutput.Job.Status, atOutput.Job.StreamVersion, Assert.Single(atOutput.Tail).Text));
        Assert.Equal((ToolJobStatus.Running, 2L), (atStarted.Job.Status, atStarted.Job.StreamVersion));
        Assert.Empty(atStarted.Tail);
        Assert.Equal(live.Job, latest.Job);
        Assert.Equal(live.Tail, latest.Tail);
        Assert.Equal(0, latest.Job.ExitCode);
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetToolJobAtQuery(job, StreamVersion: 0)));
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetToolJobAtQuery(job, Position: queued.Position - 1)));
        await Assert.ThrowsAsync<ValidationException>(() => _f.Query(new GetToolJobAtQuery(job, StreamVersion: -1)));
    }

    [Fact]
    public async Task RebuildAsync_gives_the_same_tool_job_answers_as_the_live_projection()
    {
        var session = await Session();
        var a = await Queue(session);
        var b = await Queue(session);
        await _f.Send(new StartToolJobRequest(a));
        for (var i = 0; i < 5; i++)
        {
            await _f.Send(new AppendToolJobOutputRequest(a, ToolOutputStream.Stdout, $"line {i}\n", MaxTailBytes: 16));
        }

        await _f.Send(new CancelToolJobRequest(b, "not needed"));
        var last = await _f.Send(new CompleteToolJobRequest(a, 0));
        var before = await Snapshot(last.Position, a, b);

        await _f.Daemon.RebuildAsync(null, null, default);
        var after = await Snapshot(null, a, b);

        Assert.Equal(before.List, after.List);
        Assert.Equal(before.Views.Select(v => v.Job), after.Views.Select(v => v.Job));
        Assert.Equal(before.Views.SelectMany(v => v.Tail), after.Views.SelectMany(v => v.Tail));
        Assert.Equal(2, before.Views[0].Tail.Count);
    }

    private async Task<(IReadOnlyList<ToolJobRow> List, List<ToolJobView> Views)> Snapshot(long? position, params Guid[] jobs)
    {
        var list = await _f.Query(new ListToolJobsQuery(MinPosition: position));
        var views = new List<ToolJobView>();
        foreach (var job in jobs)
        {
            views.Add(await _f.Query(new GetToolJobQuery(job)));
        }

        return (list.Items, views);
    }

    private async Task<Guid> Session()
    {
        var id = Guid.NewGuid();
        await _f.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));
        return id;
    }

    private async Task<Guid> Queue(Guid session)
    {
        var id = Guid.NewGuid();
        await _f.Send(new QueueToolJobRequest(id, session, "shell"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        return id;
    }
}
