using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;

namespace Journal.Domain.Tests.UseCases;

public sealed class RunUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();
    private readonly Guid _session = Guid.NewGuid();

    public async Task InitializeAsync() => await _journal.Send(new CreateSessionRequest(_session, "alice", "laptop", "cli"));

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task AcceptRun_attaches_a_foreground_run_to_its_session()
    {
        var run = Guid.NewGuid();

        var result = await _journal.Send(new AcceptRunRequest(run, _session, RunKind.Foreground) { Context = new CommandContext(Actor: "agent-1", CorrelationId: "corr-run") });

        Assert.Equal(2, result.EventsWritten);
        Assert.Equal(3, result.Position);
        Assert.Equal(RunDecider.StreamFor(run).Value, result.Stream);
        var accepted = Assert.IsType<RunAccepted>(Assert.Single(await _journal.EventsAsync(RunDecider.StreamFor(run))));
        Assert.Equal(RunKind.Foreground, accepted.Kind);
        var attached = Assert.IsType<SessionForegroundRunAttached>((await _journal.EventsAsync(SessionDecider.StreamFor(_session)))[^1]);
        Assert.Equal(run, attached.RunId);
        foreach (var recorded in (await _journal.RecordedAsync(RunDecider.StreamFor(run))).Concat((await _journal.RecordedAsync(SessionDecider.StreamFor(_session))).Skip(1)))
        {
            Assert.Equal("agent-1", recorded.Metadata.Actor);
            Assert.Equal("corr-run", recorded.Metadata.CorrelationId);
        }

        Assert.Equal(run, (await Session()).ForegroundRunId);
    }

    [Fact]
    public async Task AcceptRun_of_a_background_run_leaves_the_foreground_slot_free()
    {
        var background = Guid.NewGuid();

        var result = await _journal.Send(new AcceptRunRequest(background, _session, RunKind.Background));
        var foreground = await _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, RunKind.Foreground));

        Assert.Equal(1, result.EventsWritten);
        Assert.Equal(2, result.Position);
        Assert.Equal(2, foreground.EventsWritten);
        Assert.Equal(2, (await _journal.EventsAsync(SessionDecider.StreamFor(_session))).Count);
    }

    [Fact]
    public async Task AcceptRun_of_a_delegated_run_needs_an_existing_parent()
    {
        var parent = Guid.NewGuid();
        await _journal.Send(new AcceptRunRequest(parent, _session, RunKind.Foreground));
        var head = await _journal.HeadAsync();

        var missing = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, RunKind.Delegated)));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, RunKind.Delegated, Guid.NewGuid())));
        Assert.Equal(head, await _journal.HeadAsync());
        var delegated = await _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, RunKind.Delegated, parent));

        Assert.Equal("ParentRunId", missing.Field);
        Assert.Equal("run.not_found", unknown.Code);
        Assert.Equal(1, delegated.EventsWritten);
    }

    [Fact]
    public async Task AcceptRun_refuses_a_second_foreground_run_while_one_is_active()
    {
        await _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, RunKind.Foreground));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, RunKind.Foreground)));

        Assert.Equal("run.already_active", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task AcceptRun_refuses_an_existing_run_id()
    {
        var run = Guid.NewGuid();
        await _journal.Send(new AcceptRunRequest(run, _session, RunKind.Background));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new AcceptRunRequest(run, _session, RunKind.Background)));

        Assert.Equal("run.already_exists", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Theory]
    [InlineData(RunKind.Foreground)]
    [InlineData(RunKind.Background)]
    public async Task AcceptRun_refuses_an_unknown_session_and_writes_nothing(RunKind kind)
    {
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new AcceptRunRequest(Guid.NewGuid(), Guid.NewGuid(), kind)));

        Assert.Equal("session.not_found", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Theory]
    [InlineData(RunKind.Foreground)]
    [InlineData(RunKind.Background)]
    public async Task AcceptRun_refuses_an_archived_session_and_writes_nothing(RunKind kind)
    {
        await _journal.Send(new ArchiveSessionRequest(_session));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, kind)));

        Assert.Equal("session.archived", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task AcceptRun_racing_for_one_session_lets_exactly_one_foreground_run_win()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        Task<CommandResult> one;
        Task<CommandResult> two;
        using (await _journal.Store.HoldWriterAsync(default))
        {
            one = _journal.Send(new AcceptRunRequest(first, _session, RunKind.Foreground));
            two = _journal.Send(new AcceptRunRequest(second, _session, RunKind.Foreground));
            await _journal.WaitUntilQueuedAsync(2);
        }

        var outcomes = await Task.WhenAll(JournalHarness.OutcomeAsync(one), JournalHarness.OutcomeAsync(two));

        Assert.Single(outcomes, o => o is null);
        // The loser's append lost the race on the session stream; decided again on the winner's attach, it is refused by rule.
        Assert.Single(outcomes, o => o is RuleViolationException { Code: "run.already_active" });
        var winner = outcomes[0] is null ? first : second;
        var loser = winner == first ? second : first;
        Assert.Equal(winner, (await Session()).ForegroundRunId);
        Assert.Empty(await _journal.EventsAsync(RunDecider.StreamFor(loser)));
        Assert.Equal(3, await _journal.HeadAsync());
    }

    [Fact]
    public async Task StartRun_moves_an_accepted_run_in_progress_and_refuses_a_second_start()
    {
        var run = await Accepted(RunKind.Foreground);

        var started = await _journal.Send(new StartRunRequest(run));
        var head = await _journal.HeadAsync();
        var again = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new StartRunRequest(run)));

        Assert.Equal(1, started.EventsWritten);
        Assert.Equal(2, started.StreamVersion);
        Assert.Equal(head, started.Position);
        Assert.IsType<RunStarted>((await _journal.EventsAsync(RunDecider.StreamFor(run)))[^1]);
        Assert.Equal("run.invalid_transition", again.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task StartRun_refuses_an_unknown_run()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new StartRunRequest(Guid.NewGuid())));

        Assert.Equal("run.not_found", error.Code);
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CompleteRun_detaches_a_foreground_run_from_its_session_in_the_same_append()
    {
        var run = await Started(RunKind.Foreground);

        var result = await _journal.Send(new CompleteRunRequest(run, "answered") { Context = new CommandContext(CorrelationId: "corr-done") });

        Assert.Equal(2, result.EventsWritten);
        Assert.Equal(RunDecider.StreamFor(run).Value, result.Stream);
        Assert.Equal(await _journal.HeadAsync(), result.Position);
        Assert.Equal("answered", Assert.IsType<RunSucceeded>((await _journal.EventsAsync(RunDecider.StreamFor(run)))[^1]).Summary);
        var detached = (await _journal.RecordedAsync(SessionDecider.StreamFor(_session)))[^1];
        Assert.Equal("session.foreground_run_detached.v1", detached.EventType);
        Assert.Equal("corr-done", detached.Metadata.CorrelationId);
        Assert.Null((await Session()).ForegroundRunId);
        Assert.Equal(2, (await _journal.Send(new AcceptRunRequest(Guid.NewGuid(), _session, RunKind.Foreground))).EventsWritten);
    }

    [Fact]
    public async Task CompleteRun_that_loses_a_race_on_its_session_is_decided_again_and_detaches_the_run()
    {
        var run = await Started(RunKind.Foreground);
        Task<CommandResult> rename;
        Task<CommandResult> complete;
        using (await _journal.Store.HoldWriterAsync(default))
        {
            // The rename's append queues first, so the completion's detach was decided on a session version that is gone.
            rename = _journal.Send(new RenameSessionRequest(_session, "busy"));
            await _journal.WaitUntilQueuedAsync(1);
            complete = _journal.Send(new CompleteRunRequest(run));
            await _journal.WaitUntilQueuedAsync(2);
        }

        await rename;
        var completed = await complete;

        Assert.Equal(2, completed.EventsWritten);
        Assert.IsType<RunSucceeded>((await _journal.EventsAsync(RunDecider.StreamFor(run)))[^1]);
        var session = await _journal.EventsAsync(SessionDecider.StreamFor(_session));
        Assert.IsType<SessionRenamed>(session[^2]);
        Assert.Equal(run, Assert.IsType<SessionForegroundRunDetached>(session[^1]).RunId);
        Assert.Null((await Session()).ForegroundRunId);
    }

    [Fact]
    public async Task FailRun_detaches_a_foreground_run_from_its_session_in_the_same_append()
    {
        var run = await Started(RunKind.Foreground);

        var result = await _journal.Send(new FailRunRequest(run, "model timed out"));

        Assert.Equal(2, result.EventsWritten);
        var failed = Assert.IsType<RunFailed>((await _journal.EventsAsync(RunDecider.StreamFor(run)))[^1]);
        Assert.Equal("model timed out", failed.Reason);
        Assert.False(failed.Orphaned);
        Assert.Null((await Session()).ForegroundRunId);
    }

    [Fact]
    public async Task CancelRun_detaches_an_accepted_foreground_run_from_its_session_in_the_same_append()
    {
        var run = await Accepted(RunKind.Foreground);

        var result = await _journal.Send(new CancelRunRequest(run, "user left"));

        Assert.Equal(2, result.EventsWritten);
        Assert.IsType<RunCancelled>((await _journal.EventsAsync(RunDecider.StreamFor(run)))[^1]);
        Assert.Null((await Session()).ForegroundRunId);
    }

    [Fact]
    public async Task CompleteRun_of_a_background_run_writes_only_the_run_event()
    {
        var run = await Started(RunKind.Background);
        var sessionEvents = (await _journal.EventsAsync(SessionDecider.StreamFor(_session))).Count;

        var result = await _journal.Send(new CompleteRunRequest(run));

        Assert.Equal(1, result.EventsWritten);
        Assert.Equal(sessionEvents, (await _journal.EventsAsync(SessionDecider.StreamFor(_session))).Count);
    }

    [Fact]
    public async Task CompleteRun_refuses_a_run_that_has_not_started_and_keeps_it_attached()
    {
        var run = await Accepted(RunKind.Foreground);
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CompleteRunRequest(run)));

        Assert.Equal("run.invalid_transition", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
        Assert.Equal(run, (await Session()).ForegroundRunId);
    }

    [Fact]
    public async Task CompleteRun_is_refused_after_a_cancel_request_and_the_run_can_still_be_cancelled()
    {
        var run = await Started(RunKind.Foreground);
        await _journal.Send(new RequestRunCancelRequest(run, "alice"));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CompleteRunRequest(run)));
        Assert.Equal(head, await _journal.HeadAsync());
        var cancelled = await _journal.Send(new CancelRunRequest(run));

        Assert.Equal("run.cancel_requested", error.Code);
        Assert.Equal(2, cancelled.EventsWritten);
        Assert.Null((await Session()).ForegroundRunId);
    }

    [Fact]
    public async Task FailRun_refuses_a_finished_run_and_a_blank_reason()
    {
        var run = await Started(RunKind.Foreground);
        var blank = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new FailRunRequest(run, " ")));
        await _journal.Send(new CompleteRunRequest(run));
        var head = await _journal.HeadAsync();

        var finished = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new FailRunRequest(run, "late")));

        Assert.Equal("Reason", blank.Field);
        Assert.Equal("run.invalid_transition", finished.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RequestRunCancel_records_the_request_once()
    {
        var run = await Started(RunKind.Background);

        var first = await _journal.Send(new RequestRunCancelRequest(run, "alice"));
        var again = await _journal.Send(new RequestRunCancelRequest(run, "bob"));

        Assert.Equal(1, first.EventsWritten);
        Assert.Equal(0, again.EventsWritten);
        Assert.Equal(first.Position, again.Position);
        Assert.Equal("alice", Assert.IsType<RunCancelRequested>((await _journal.EventsAsync(RunDecider.StreamFor(run)))[^1]).RequestedBy);
    }

    [Fact]
    public async Task RequestRunCancel_refuses_a_finished_run()
    {
        var run = await Accepted(RunKind.Background);
        await _journal.Send(new CancelRunRequest(run));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new RequestRunCancelRequest(run)));

        Assert.Equal("run.finished", error.Code);
    }

    [Fact]
    public async Task RecordRunTokenUsage_accumulates_the_totals_and_skips_zeros()
    {
        var run = await Started(RunKind.Foreground);

        var first = await _journal.Send(new RecordRunTokenUsageRequest(run, 100, 20));
        var second = await _journal.Send(new RecordRunTokenUsageRequest(run, 50, 5));
        var zeros = await _journal.Send(new RecordRunTokenUsageRequest(run, 0, 0));

        Assert.Equal(1, first.EventsWritten);
        Assert.Equal(1, second.EventsWritten);
        Assert.Equal(0, zeros.EventsWritten);
        Assert.Equal(second.Position, zeros.Position);
        var state = await Run(run);
        Assert.Equal(150, state.InputTokens);
        Assert.Equal(25, state.OutputTokens);
        await _journal.RestartAsync();
        var replayed = await Run(run);
        Assert.Equal(150, replayed.InputTokens);
        Assert.Equal(25, replayed.OutputTokens);
    }

    [Fact]
    public async Task RecordRunTokenUsage_refuses_negative_counts_and_finished_runs()
    {
        var run = await Started(RunKind.Background);
        var negative = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new RecordRunTokenUsageRequest(run, -1, 0)));
        await _journal.Send(new CompleteRunRequest(run));
        var head = await _journal.HeadAsync();

        var finished = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new RecordRunTokenUsageRequest(run, 1, 1)));

        Assert.Equal("InputTokens", negative.Field);
        Assert.Equal("run.finished", finished.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    private async Task<Guid> Accepted(RunKind kind)
    {
        var run = Guid.NewGuid();
        await _journal.Send(new AcceptRunRequest(run, _session, kind));
        return run;
    }

    private async Task<Guid> Started(RunKind kind)
    {
        var run = await Accepted(kind);
        await _journal.Send(new StartRunRequest(run));
        return run;
    }

    private Task<SessionState> Session() => _journal.Mediator.Send(new GetSessionRequest(_session));

    private async Task<RunState> Run(Guid run) =>
        (await _journal.Get<IAggregateStore>().LoadAsync(RunDecider.Value, RunDecider.StreamFor(run), default)).State;
}
