using Journal.Domain.Approvals;
using Journal.Domain.Approvals.UseCases;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Approvals;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Approvals;

public sealed class ApprovalQueryTests : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new(AdjustableClock.Start);
    private readonly JournalFixture _f;

    public ApprovalQueryTests() => _f = new JournalFixture(_clock);

    public Task InitializeAsync() => _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task GetApprovalQuery_returns_every_field_when_the_approval_was_decided()
    {
        var session = await Session();
        var id = Guid.NewGuid();
        var requestedAt = _clock.GetUtcNow();
        var expiresAt = requestedAt.AddHours(1);
        await _f.Send(new RequestApprovalRequest(id, session, "tool.shell", "rm -rf build", "Delete the build folder?", ApprovalScope.Timeboxed, expiresAt, 300));
        var decidedAt = _clock.Advance(TimeSpan.FromSeconds(30));
        var decided = await _f.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "bob", "fine"));

        var row = await _f.Query(new GetApprovalQuery(id, decided.Position));

        Assert.Equal(
            new ApprovalRow(
                id, session, "tool.shell", "rm -rf build", "Delete the build folder?", ApprovalScope.Timeboxed, 300, expiresAt, ApprovalStatus.Allowed,
                ApprovalDecision.Allow, "bob", "fine", true, decidedAt.AddSeconds(300), requestedAt, decidedAt, 2, decided.Position),
            row);
    }

    [Fact]
    public async Task GetApprovalQuery_shows_timed_out_when_nobody_decided_in_time()
    {
        var session = await Session();
        var id = await Request(session, "tool.shell", "ls", ApprovalScope.Once);
        var expiredAt = _clock.Advance(TimeSpan.FromHours(2));
        var expired = await _f.Send(new ExpireApprovalRequest(id));

        var row = await _f.Query(new GetApprovalQuery(id, expired.Position));

        Assert.Equal((ApprovalStatus.TimedOut, expiredAt, (ApprovalDecision?)null), (row.Status, row.ResolvedAt, row.Decision));
    }

    [Fact]
    public async Task GetApprovalQuery_throws_NotFoundException_when_the_approval_is_unknown()
    {
        await _f.Daemon.CatchUpAsync(default);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetApprovalQuery(Guid.NewGuid())));

        Assert.Equal("approval", ex.Kind);
    }

    [Fact]
    public async Task ListApprovalsQuery_puts_pending_first_then_newest_and_filters_when_asked()
    {
        var one = await Session();
        var two = await Session();
        var oldPending = await Request(one, "tool.shell", "a", ApprovalScope.Once);
        var decidedOld = await Request(one, "tool.shell", "b", ApprovalScope.Once);
        var newPending = await Request(two, "tool.http", "a", ApprovalScope.Once);
        var decidedNew = await Request(two, "tool.shell", "a", ApprovalScope.Once);
        await _f.Send(new DecideApprovalRequest(decidedOld, ApprovalDecision.Deny, "bob"));
        var last = await _f.Send(new DecideApprovalRequest(decidedNew, ApprovalDecision.Allow, "bob"));

        var all = await _f.Query(new ListApprovalsQuery(MinPosition: last.Position));
        var shell = await _f.Query(new ListApprovalsQuery(SubjectType: "tool.shell"));
        var shellA = await _f.Query(new ListApprovalsQuery(SubjectType: "tool.shell", SubjectId: "a"));
        var ofTwo = await _f.Query(new ListApprovalsQuery(SessionId: two));
        var denied = await _f.Query(new ListApprovalsQuery(Status: ApprovalStatus.Denied));
        var pendingOfOne = await _f.Query(new ListApprovalsQuery(SessionId: one, Status: ApprovalStatus.Pending));

        Assert.Equal([newPending, oldPending, decidedNew, decidedOld], all.Items.Select(a => a.ApprovalId));
        Assert.Equal([oldPending, decidedNew, decidedOld], shell.Items.Select(a => a.ApprovalId));
        Assert.Equal([oldPending, decidedNew], shellA.Items.Select(a => a.ApprovalId));
        Assert.Equal([newPending, decidedNew], ofTwo.Items.Select(a => a.ApprovalId));
        Assert.Equal([decidedOld], denied.Items.Select(a => a.ApprovalId));
        Assert.Equal([oldPending], pendingOfOne.Items.Select(a => a.ApprovalId));
        await Assert.ThrowsAsync<ValidationException>(() => _f.Query(new ListApprovalsQuery(SubjectId: "a")));
    }

    [Fact]
    public async Task ListApprovalsQuery_pages_through_every_approval_once_across_the_pending_boundary()
    {
        var session = await Session();
        var ids = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            ids.Add(await Request(session, "tool.shell", $"cmd {i}", ApprovalScope.Once));
        }

        CommandResult last = null!;
        foreach (var id in ids.Where((_, i) => i % 3 == 0))
        {
            last = await _f.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "bob"));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _f.Query(new ListApprovalsQuery(Cursor: cursor, Limit: 2, MinPosition: last.Position));
            seen.AddRange(page.Items.Select(a => a.ApprovalId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        var pending = ids.Where((_, i) => i % 3 != 0).Reverse();
        var decided = ids.Where((_, i) => i % 3 == 0).Reverse();
        Assert.Equal(pending.Concat(decided), seen);
        Assert.Equal(5, pages);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("WyJ0b29iam9icyIsIjEiLCIyIl0")]
    public async Task ListApprovalsQuery_throws_ValidationException_when_the_cursor_is_not_one_of_its_own(string cursor)
    {
        await Assert.ThrowsAsync<ValidationException>(() => _f.Query(new ListApprovalsQuery(Cursor: cursor)));
    }

    [Fact]
    public async Task FindRememberedDecisionQuery_applies_a_session_scoped_answer_only_to_its_session_and_subject()
    {
        var session = await Session();
        var other = await Session();
        var allow = await Request(session, "tool.shell", "make test", ApprovalScope.Session);
        var deny = await Request(session, "tool.http", "evil.example", ApprovalScope.Session);
        var once = await Request(session, "tool.shell", "make deploy", ApprovalScope.Once);
        await _f.Send(new DecideApprovalRequest(allow, ApprovalDecision.Allow, "bob"));
        await _f.Send(new DecideApprovalRequest(deny, ApprovalDecision.Deny, "bob"));
        var last = await _f.Send(new DecideApprovalRequest(once, ApprovalDecision.Allow, "bob"));
        var later = _clock.Advance(TimeSpan.FromDays(3));

        var allowed = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make test", MinPosition: last.Position));
        var denied = await _f.Query(new FindRememberedDecisionQuery(session, "tool.http", "evil.example", later));
        var notRemembered = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make deploy"));
        var otherSession = await _f.Query(new FindRememberedDecisionQuery(other, "tool.shell", "make test"));
        var otherSubject = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make Test"));
        var beforeDecided = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make test", AdjustableClock.Start.AddSeconds(-1)));

        Assert.True(allowed.Applies);
        Assert.Equal(
            new RememberedDecision(allow, session, "tool.shell", "make test", ApprovalScope.Session, ApprovalDecision.Allow, "bob", allowed.Decision!.DecidedAt, null),
            allowed.Decision);
        Assert.Equal((ApprovalDecision.Deny, deny), (denied.Decision!.Decision, denied.Decision.ApprovalId));
        Assert.False(notRemembered.Applies);
        Assert.False(otherSession.Applies);
        Assert.False(otherSubject.Applies);
        Assert.False(beforeDecided.Applies);
    }

    [Fact]
    public async Task FindRememberedDecisionQuery_applies_a_one_off_answer_for_the_session_when_the_approver_remembered_it()
    {
        var session = await Session();
        var widened = await Request(session, "tool.shell", "make lint", ApprovalScope.Once);
        var plain = await Request(session, "tool.shell", "make docs", ApprovalScope.Once);
        await _f.Send(new DecideApprovalRequest(widened, ApprovalDecision.Allow, "bob", RememberForSession: true));
        var last = await _f.Send(new DecideApprovalRequest(plain, ApprovalDecision.Allow, "bob"));
        _clock.Advance(TimeSpan.FromDays(3));

        var remembered = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make lint", MinPosition: last.Position));
        var notRemembered = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make docs"));
        var row = await _f.Query(new GetApprovalQuery(widened));

        Assert.Equal(
            new RememberedDecision(widened, session, "tool.shell", "make lint", ApprovalScope.Session, ApprovalDecision.Allow, "bob", remembered.Decision!.DecidedAt, null),
            remembered.Decision);
        Assert.False(notRemembered.Applies);
        Assert.Equal((ApprovalScope.Once, true, (DateTimeOffset?)null), (row.Scope, row.Remembered, row.RememberedUntil));
    }

    [Fact]
    public async Task FindRememberedDecisionQuery_stops_applying_a_timeboxed_answer_when_its_time_box_is_over()
    {
        var session = await Session();
        var id = await Request(session, "tool.shell", "npm install", ApprovalScope.Timeboxed, 600);
        var decidedAt = _clock.GetUtcNow();
        var decided = await _f.Send(new DecideApprovalRequest(id, ApprovalDecision.Allow, "bob"));
        var inside = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "npm install", MinPosition: decided.Position));

        _clock.Advance(TimeSpan.FromSeconds(599));
        var lastMoment = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "npm install"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var over = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "npm install"));

        Assert.Equal(decidedAt.AddSeconds(600), inside.Decision!.RememberedUntil);
        Assert.True(lastMoment.Applies);
        Assert.False(over.Applies);
    }

    [Fact]
    public async Task FindRememberedDecisionQuery_answers_with_the_newest_answer_and_forgets_when_the_session_is_archived()
    {
        var session = await Session();
        var first = await Request(session, "tool.shell", "make", ApprovalScope.Session);
        await _f.Send(new DecideApprovalRequest(first, ApprovalDecision.Allow, "bob"));
        var second = await Request(session, "tool.shell", "make", ApprovalScope.Session);
        var denied = await _f.Send(new DecideApprovalRequest(second, ApprovalDecision.Deny, "carol"));

        var newest = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make", MinPosition: denied.Position));
        var archived = await _f.Send(new ArchiveSessionRequest(session));
        var afterArchive = await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "make", MinPosition: archived.Position));

        Assert.Equal((second, ApprovalDecision.Deny, "carol"), (newest.Decision!.ApprovalId, newest.Decision.Decision, newest.Decision.DecidedBy));
        Assert.False(afterArchive.Applies);
    }

    [Fact]
    public async Task GetApprovalAtQuery_returns_the_approval_as_it_was_when_given_a_stream_version_or_position()
    {
        var session = await Session();
        var id = Guid.NewGuid();
        var requested = await _f.Send(new RequestApprovalRequest(id, session, "tool.shell", "ls", "List?", ApprovalScope.Once, _clock.GetUtcNow().AddHours(1)));
        var decided = await _f.Send(new DecideApprovalRequest(id, ApprovalDecision.Deny, "bob"));

        var atRequest = await _f.Query(new GetApprovalAtQuery(id, StreamVersion: 1));
        var atPosition = await _f.Query(new GetApprovalAtQuery(id, Position: decided.Position - 1));
        var latest = await _f.Query(new GetApprovalAtQuery(id));
        var live = await _f.Query(new GetApprovalQuery(id, decided.Position));

        Assert.Equal((ApprovalStatus.Pending, requested.Position), (atRequest.Status, atRequest.LastPosition));
        Assert.Equal(ApprovalStatus.Pending, atPosition.Status);
        Assert.Equal(live, latest);
        Assert.Equal(ApprovalStatus.Denied, latest.Status);
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Query(new GetApprovalAtQuery(id, Position: requested.Position - 1)));
    }

    [Fact]
    public async Task RebuildAsync_gives_the_same_approval_answers_as_the_live_projection()
    {
        var session = await Session();
        var a = await Request(session, "tool.shell", "a", ApprovalScope.Session);
        var b = await Request(session, "tool.shell", "b", ApprovalScope.Timeboxed, 60);
        await Request(session, "tool.shell", "c", ApprovalScope.Once);
        await _f.Send(new DecideApprovalRequest(a, ApprovalDecision.Allow, "bob"));
        var last = await _f.Send(new DecideApprovalRequest(b, ApprovalDecision.Deny, "bob", "no"));
        var before = await Snapshot(session, last.Position);

        await _f.Daemon.RebuildAsync(null, null, default);
        var after = await Snapshot(session, null);

        Assert.Equal(before.List, after.List);
        Assert.Equal(before.Remembered, after.Remembered);
        Assert.Equal(3, before.List.Count);
        Assert.All(before.Remembered, r => Assert.True(r.Applies));
    }

    private async Task<(IReadOnlyList<ApprovalRow> List, List<RememberedDecisionAnswer> Remembered)> Snapshot(Guid session, long? position)
    {
        var list = await _f.Query(new ListApprovalsQuery(MinPosition: position));
        List<RememberedDecisionAnswer> remembered =
        [
            await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "a")),
            await _f.Query(new FindRememberedDecisionQuery(session, "tool.shell", "b")),
        ];
        return (list.Items, remembered);
    }

    private async Task<Guid> Session()
    {
        var id = Guid.NewGuid();
        await _f.Send(new CreateSessionRequest(id, "alice", "laptop", "cli"));
        return id;
    }

    private async Task<Guid> Request(Guid session, string subjectType, string subjectId, ApprovalScope scope, long? duration = null)
    {
        var id = Guid.NewGuid();
        await _f.Send(new RequestApprovalRequest(id, session, subjectType, subjectId, $"Allow {subjectId}?", scope, _clock.GetUtcNow().AddHours(1), duration));
        _clock.Advance(TimeSpan.FromSeconds(1));
        return id;
    }
}
