using Journal.Domain.Commands;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;

namespace Journal.Domain.Tests.UseCases;

public sealed class RecoveryUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task RecoverInterruptedWork_fails_orphaned_runs_and_detaches_the_foreground_ones()
    {
        var first = await Session();
        var second = await Session();
        var started = await Run(first, RunKind.Foreground, start: true);
        var accepted = await Run(second, RunKind.Foreground, start: false);
        var background = await Run(first, RunKind.Background, start: true);
        var finished = await Run(second, RunKind.Background, start: true);
        await _journal.Send(new CompleteRunRequest(finished));
        await _journal.RestartAsync();

        var result = await _journal.Send(new RecoverInterruptedWorkRequest { Context = new CommandContext(Actor: "journal.startup") });

        Assert.Equal(5, result.EventsWritten);
        Assert.Equal("recovery", result.Stream);
        Assert.Equal(await _journal.HeadAsync(), result.Position);
        foreach (var orphan in new[] { started, accepted, background })
        {
            var recorded = (await _journal.RecordedAsync(RunDecider.StreamFor(orphan)))[^1];
            Assert.Equal("journal.startup", recorded.Metadata.Actor);
            var failed = Assert.IsType<RunFailed>((await _journal.EventsAsync(RunDecider.StreamFor(orphan)))[^1]);
            Assert.True(failed.Orphaned);
            Assert.Equal(RecoverInterruptedWorkRequest.Reason, failed.Reason);
        }

        Assert.IsType<RunSucceeded>((await _journal.EventsAsync(RunDecider.StreamFor(finished)))[^1]);
        Assert.Null((await _journal.Mediator.Send(new GetSessionRequest(first))).ForegroundRunId);
        Assert.Null((await _journal.Mediator.Send(new GetSessionRequest(second))).ForegroundRunId);
        var detached = Assert.IsType<SessionForegroundRunDetached>((await _journal.EventsAsync(SessionDecider.StreamFor(first)))[^1]);
        Assert.Equal(started, detached.RunId);
        Assert.Equal(2, (await _journal.Send(new AcceptRunRequest(Guid.NewGuid(), first, RunKind.Foreground))).EventsWritten);
    }

    [Fact]
    public async Task RecoverInterruptedWork_is_a_no_op_the_second_time()
    {
        var session = await Session();
        await Run(session, RunKind.Foreground, start: true);
        var recovered = await _journal.Send(new RecoverInterruptedWorkRequest());
        var head = await _journal.HeadAsync();

        var again = await _journal.Send(new RecoverInterruptedWorkRequest());

        Assert.Equal(2, recovered.EventsWritten);
        Assert.Equal(0, again.EventsWritten);
        Assert.Equal(head, again.Position);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RecoverInterruptedWork_writes_nothing_on_an_empty_tape()
    {
        var result = await _journal.Send(new RecoverInterruptedWorkRequest());

        Assert.Equal(0, result.EventsWritten);
        Assert.Equal(0, result.Position);
    }

    [Fact]
    public async Task RecoverInterruptedWork_with_an_idempotency_key_recovers_every_run()
    {
        var one = await Run(await Session(), RunKind.Foreground, start: true);
        var two = await Run(await Session(), RunKind.Foreground, start: false);

        var result = await _journal.Send(new RecoverInterruptedWorkRequest { Context = new CommandContext(IdempotencyKey: "boot-1") });

        Assert.Equal(4, result.EventsWritten);
        Assert.IsType<RunFailed>((await _journal.EventsAsync(RunDecider.StreamFor(one)))[^1]);
        Assert.IsType<RunFailed>((await _journal.EventsAsync(RunDecider.StreamFor(two)))[^1]);
    }

    private async Task<Guid> Session()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));
        return id;
    }

    private async Task<Guid> Run(Guid session, RunKind kind, bool start)
    {
        var run = Guid.NewGuid();
        await _journal.Send(new AcceptRunRequest(run, session, kind));
        if (start)
        {
            await _journal.Send(new StartRunRequest(run));
        }

        return run;
    }
}
