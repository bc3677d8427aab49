using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.ToolJobs;
using Journal.Domain.ToolJobs.UseCases;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Startup;

public sealed class StartupRecoveryTests : IAsyncLifetime
{
    private readonly JournalFixture _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task Host_start_fails_runs_and_tool_jobs_left_active_by_a_stop()
    {
        var session = Guid.NewGuid();
        var run = Guid.NewGuid();
        var job = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(session, "alice", "laptop", "cli"));
        await _journal.Send(new AcceptRunRequest(run, session, RunKind.Foreground, null));
        await _journal.Send(new StartRunRequest(run));
        await _journal.Send(new QueueToolJobRequest(job, session, "shell", run, null));
        await _journal.Send(new StartToolJobRequest(job));

        await _journal.StartAsync();

        var runEvents = await Events(RunDecider.StreamFor(run));
        var jobEvents = await Events(ToolJobDecider.StreamFor(job));
        var failed = Assert.IsType<RunFailed>(runEvents[^1]);
        Assert.True(failed.Orphaned);
        Assert.IsType<ToolJobFailed>(jobEvents[^1]);
        var recorded = (await _journal.Store.ReadStreamAsync(RunDecider.StreamFor(run), long.MaxValue, Domain.Tape.ReadDirection.Backward, 1, default)).Events[0];
        Assert.Equal("journal.recovery", recorded.Metadata.Actor);
    }

    [Fact]
    public async Task Host_start_leaves_active_work_alone_when_recovery_at_start_is_off_as_on_a_shared_tape()
    {
        await using var journal = new JournalFixture(recoverAtStartup: false);
        var session = Guid.NewGuid();
        var run = Guid.NewGuid();
        await journal.Send(new CreateSessionRequest(session, "alice", "laptop", "cli"));
        await journal.Send(new AcceptRunRequest(run, session, RunKind.Foreground, null));
        await journal.Send(new StartRunRequest(run));
        var head = await journal.Store.ReadHeadAsync(default);

        await journal.StartAsync();

        // Another instance may be running this run right now: a start must not fail it.
        Assert.Equal(head.Seq, (await journal.Store.ReadHeadAsync(default)).Seq);
    }

    private async Task<IReadOnlyList<object>> Events(Domain.Tape.StreamId stream)
    {
        var slice = await _journal.Store.ReadStreamAsync(stream, 1, Domain.Tape.ReadDirection.Forward, 100, default);
        return slice.Events.Select(e => _journal.Store.Serializer.Decode(e.EventType, e.Payload!.Value)!).ToList();
    }
}
