using Journal.Domain.Approvals;
using Journal.Domain.Approvals.UseCases;
using Journal.Domain.Errors;

namespace Journal.Domain.Tests.UseCases;

public sealed class ApprovalUseCaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SteppingClock _clock = new(Start);
    private readonly JournalHarness _journal;
    private readonly Guid _session = Guid.NewGuid();

    public ApprovalUseCaseTests() => _journal = new JournalHarness(_clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task RequestApproval_appends_the_request_and_returns_the_position()
    {
        var id = Guid.NewGuid();

        var result = await _journal.Send(new RequestApprovalRequest(id, _session, "tool.shell", "rm build/", "Delete the build folder?", ApprovalScope.Once, Start.AddMinutes(5)));

        Assert.Equal((1L, 1, 1L), (result.Position, result.EventsWritten, result.StreamVersion));
        Assert.Equal(ApprovalDecider.StreamFor(id).Value, result.Stream);
        var requested = Assert.IsType<ApprovalRequested>(Assert.Single(await _journal.EventsAsync(ApprovalDecider.StreamFor(id))));
        Assert.Equal((_session, "tool.shell", "rm build/", Start.AddMinutes(5), Start), (requested.SessionId, requested.SubjectType, requested.SubjectId, requested.ExpiresAt, requested.At));
    }

    [Fact]
    public async Task RequestApproval_refuses_a_deadline_that_has_passed_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new RequestApprovalRequest(null, _session, "tool.shell", "ls", "List?", ApprovalScope.Once, Start)));

        Assert.Equal("ExpiresAt", error.Field);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RequestApproval_refuses_a_time_boxed_scope_without_a_duration_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new RequestApprovalRequest(null, _session, "tool.shell", "ls", "List?", ApprovalScope.Timeboxed, Start.AddMinutes(5))));

        Assert.Equal("DurationSeconds", error.Field);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RequestApproval_refuses_an_id_already_in_use_and_writes_nothing()
    {
        var id = await Requested(ApprovalScope.Once);
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new RequestApprovalRequest(id, _session, "tool.shell", "ls", "List?", ApprovalScope.Once, Start.AddMinutes(5))));

        Assert.Equal("approval.already_exists", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DecideApproval_answers_a_one_off_request_without_remembering_it()
    {
        var id = await Requested(ApprovalScope.Once);
        _clock.Step(TimeSpan.FromMinutes(1));

        var result = await _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Deny, "alice", "not now"));

        Assert.Equal((2L, 1, 2L), (result.Position, result.EventsWritten, result.StreamVersion));
        var decided = Assert.IsType<ApprovalDecided>((await _journal.EventsAsync(ApprovalDecider.StreamFor(id)))[^1]);
        Assert.Equal((ApprovalDecision.Deny, "alice", "not now", false, (DateTimeOffset?)null), (decided.Decision, decided.DecidedBy, decided.Reason, decided.Remembered, decided.RememberedUntil));
        Assert.Equal(ApprovalStatus.Denied, (await _journal.Mediator.Send(new GetApprovalRequest(id))).Status);
    }

    [Fact]
    public async Task DecideApproval_puts_the_remembered_decision_data_on_approval_decided_v1()
    {
        var id = await Requested(ApprovalScope.Timeboxed, durationSeconds: 3600);
        _clock.Step(TimeSpan.FromMinutes(2));
        var decidedAt = Start.AddMinutes(2);

        await _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "alice"));

        var recorded = (await _journal.RecordedAsync(ApprovalDecider.StreamFor(id)))[^1];
        Assert.Equal("approval.decided.v1", recorded.EventType);
        var decided = Assert.IsType<ApprovalDecided>((await _journal.EventsAsync(ApprovalDecider.StreamFor(id)))[^1]);
        Assert.Equal(_session, decided.SessionId);
        Assert.Equal(("tool.shell", "git push"), (decided.SubjectType, decided.SubjectId));
        Assert.Equal(ApprovalScope.Timeboxed, decided.Scope);
        Assert.True(decided.Remembered);
        Assert.Equal(decidedAt.AddHours(1), decided.RememberedUntil);
        Assert.Equal(decidedAt, decided.At);
        var state = await _journal.Mediator.Send(new GetApprovalRequest(id));
        Assert.True(state.RemembersAllow(_session, "tool.shell", "git push", decidedAt.AddMinutes(59)));
        Assert.False(state.RemembersAllow(_session, "tool.shell", "git push", decidedAt.AddHours(1)));
    }

    [Fact]
    public async Task DecideApproval_remembers_a_session_scoped_allow_without_an_end()
    {
        var id = await Requested(ApprovalScope.Session);

        await _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "alice"));

        var decided = Assert.IsType<ApprovalDecided>((await _journal.EventsAsync(ApprovalDecider.StreamFor(id)))[^1]);
        Assert.Equal((ApprovalScope.Session, true, (DateTimeOffset?)null), (decided.Scope, decided.Remembered, decided.RememberedUntil));
    }

    [Fact]
    public async Task DecideApproval_refuses_an_approval_that_was_decided_already_and_writes_nothing()
    {
        var id = await Requested(ApprovalScope.Once);
        await _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "alice"));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Deny, "mallory")));

        Assert.Equal("approval.already_decided", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
        Assert.Equal(ApprovalStatus.Allowed, (await _journal.Mediator.Send(new GetApprovalRequest(id))).Status);
    }

    [Fact]
    public async Task DecideApproval_refuses_a_request_past_its_deadline_and_writes_nothing()
    {
        var id = await Requested(ApprovalScope.Once);
        _clock.Step(TimeSpan.FromMinutes(5));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "alice")));

        Assert.Equal("approval.expired", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DecideApproval_refuses_an_unknown_approval_and_writes_nothing()
    {
        await Requested(ApprovalScope.Once);
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new DecideApprovalRequest(Guid.NewGuid(), ApprovalDecision.Allow, "alice")));

        Assert.Equal("approval.not_found", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DecideApproval_refuses_a_blank_decider_and_writes_nothing()
    {
        var id = await Requested(ApprovalScope.Once);
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, " ")));

        Assert.Equal("DecidedBy", error.Field);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task ExpireApproval_times_out_a_pending_request_past_its_deadline()
    {
        var id = await Requested(ApprovalScope.Once);
        _clock.Step(TimeSpan.FromMinutes(5));

        var result = await _journal.Send(new ExpireApprovalRequest(id));

        Assert.Equal((2L, 1), (result.Position, result.EventsWritten));
        var timedOut = Assert.IsType<ApprovalTimedOut>((await _journal.EventsAsync(ApprovalDecider.StreamFor(id)))[^1]);
        Assert.Equal((_session, Start.AddMinutes(5)), (timedOut.SessionId, timedOut.At));
        Assert.Equal(ApprovalStatus.TimedOut, (await _journal.Mediator.Send(new GetApprovalRequest(id))).Status);
    }

    [Fact]
    public async Task ExpireApproval_refuses_a_request_that_is_not_due_yet_and_writes_nothing()
    {
        var id = await Requested(ApprovalScope.Once);
        _clock.Step(TimeSpan.FromMinutes(4));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new ExpireApprovalRequest(id)));

        Assert.Equal("approval.not_expired", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task ExpireApproval_writes_nothing_for_an_approval_already_decided_or_timed_out()
    {
        var decided = await Requested(ApprovalScope.Once);
        await _journal.Send(new DecideApprovalRequest(decided, ApprovalDecision.Allow, "alice"));
        var expired = await Requested(ApprovalScope.Once);
        _clock.Step(TimeSpan.FromMinutes(10));
        await _journal.Send(new ExpireApprovalRequest(expired));
        var head = await _journal.HeadAsync();

        var forDecided = await _journal.Send(new ExpireApprovalRequest(decided));
        var forExpired = await _journal.Send(new ExpireApprovalRequest(expired));

        Assert.Equal((0, 0), (forDecided.EventsWritten, forExpired.EventsWritten));
        Assert.Equal(head, forExpired.Position);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DecideApproval_refuses_an_approval_that_timed_out_and_writes_nothing()
    {
        var id = await Requested(ApprovalScope.Once);
        _clock.Step(TimeSpan.FromMinutes(5));
        await _journal.Send(new ExpireApprovalRequest(id));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "alice")));

        Assert.Equal("approval.expired", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task GetApproval_returns_the_approval_as_its_stream_holds_it()
    {
        var id = await Requested(ApprovalScope.Timeboxed, durationSeconds: 600);

        var state = await _journal.Mediator.Send(new GetApprovalRequest(id));

        Assert.True(state.Exists);
        Assert.Equal((id, _session, ApprovalStatus.Pending, ApprovalScope.Timeboxed, (long?)600), (state.ApprovalId, state.SessionId, state.Status, state.Scope, state.DurationSeconds));
    }

    [Fact]
    public async Task GetApproval_refuses_an_unknown_approval()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Mediator.Send(new GetApprovalRequest(Guid.NewGuid())));

        Assert.Equal("approval.not_found", error.Code);
    }

    private async Task<Guid> Requested(ApprovalScope scope, long? durationSeconds = null)
    {
        var id = Guid.NewGuid();
        await _journal.Send(new RequestApprovalRequest(id, _session, "tool.shell", "git push", "Push to origin?", scope, _clock.GetUtcNow().AddMinutes(5), durationSeconds));
        return id;
    }
}
