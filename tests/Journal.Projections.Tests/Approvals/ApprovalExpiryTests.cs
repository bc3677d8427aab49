using Journal.Domain.Approvals;
using Journal.Domain.Approvals.UseCases;
using Journal.Domain.Sessions.UseCases;
using Journal.Projections.Approvals;
using Journal.Projections.Tests.Support;
using Journal.Application.Approvals;

namespace Journal.Projections.Tests.Approvals;

public sealed class ApprovalExpiryTests : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new(AdjustableClock.Start);
    private readonly JournalFixture _f;

    public ApprovalExpiryTests() => _f = new JournalFixture(_clock);

    public Task InitializeAsync() => _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task ExpireDueAsync_times_out_pending_approvals_past_their_expiry_and_leaves_the_rest()
    {
        var session = (await _f.Send(new CreateSessionRequest(Guid.NewGuid(), "alice", "laptop", "cli"))).Stream["session-".Length..];
        var soon = Guid.NewGuid();
        var later = Guid.NewGuid();
        var decided = Guid.NewGuid();
        var sessionId = Guid.Parse(session);
        await _f.Send(new RequestApprovalRequest(soon, sessionId, "tool.shell", "ls", "List?", ApprovalScope.Once, _clock.GetUtcNow().AddMinutes(5), null));
        await _f.Send(new RequestApprovalRequest(later, sessionId, "tool.shell", "rm", "Remove?", ApprovalScope.Once, _clock.GetUtcNow().AddHours(5), null));
        await _f.Send(new RequestApprovalRequest(decided, sessionId, "tool.shell", "cat", "Read?", ApprovalScope.Once, _clock.GetUtcNow().AddMinutes(5), null));
        await _f.Send(new DecideApprovalRequest(decided, ApprovalDecision.Allow, "bob", null));
        _clock.Advance(TimeSpan.FromMinutes(10));
        var expiry = _f.Get<ApprovalExpiry>();

        var expired = await expiry.ExpireDueAsync(default);
        var again = await expiry.ExpireDueAsync(default);

        Assert.Equal(1, expired);
        Assert.Equal(0, again);
        Assert.Equal(ApprovalStatus.TimedOut, (await _f.Query(new GetApprovalRequest(soon))).Status);
        Assert.Equal(ApprovalStatus.Pending, (await _f.Query(new GetApprovalRequest(later))).Status);
        Assert.Equal(ApprovalStatus.Allowed, (await _f.Query(new GetApprovalRequest(decided))).Status);
    }
}
