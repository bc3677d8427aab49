using Journal.Domain.Approvals;
using Journal.Domain.Errors;
using Journal.Domain.Tests.Deciding;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Approvals;

public class ApprovalDeciderSpecs
{
    private static readonly Guid Id = Guid.Parse("55555555-0000-0000-0000-000000000001");
    private static readonly Guid SessionId = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid OtherSession = Guid.Parse("11111111-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset Expiry = T0.AddMinutes(10);

    private static Spec<ApprovalCommand, IApprovalEvent, ApprovalState> Approval =>
        new(ApprovalDecider.Initial, ApprovalDecider.Decide, ApprovalDecider.Evolve);

    private static ApprovalRequested Requested(ApprovalScope scope = ApprovalScope.Once, long? duration = null) =>
        new(Id, SessionId, "tool.shell", "rm -rf build", "Delete the build folder", scope, duration, Expiry, T0);

    [Theory]
    [InlineData(ApprovalScope.Once, null)]
    [InlineData(ApprovalScope.Session, null)]
    [InlineData(ApprovalScope.Timeboxed, 3600L)]
    public void Given_nothing_When_request_Then_requested(ApprovalScope scope, long? duration) =>
        Approval.Given()
            .When(new RequestApproval(Id, SessionId, "tool.shell", "rm -rf build", "Delete the build folder", scope, duration, Expiry, T0))
            .Then(Requested(scope, duration));

    [Fact]
    public void Given_requested_When_request_again_Then_approval_already_exists() =>
        Approval.Given(Requested())
            .When(new RequestApproval(Id, SessionId, "tool.shell", "x", "y", ApprovalScope.Once, null, Expiry, T1))
            .ThenThrows<RuleViolationException>("approval.already_exists");

    public static TheoryData<string, RequestApproval> InvalidRequests()
    {
        var ok = new RequestApproval(Id, SessionId, "tool.shell", "x", "y", ApprovalScope.Once, null, Expiry, T0);
        return new()
        {
            { "ApprovalId", ok with { ApprovalId = Guid.Empty } },
            { "SessionId", ok with { SessionId = Guid.Empty } },
            { "SubjectType", ok with { SubjectType = "" } },
            { "SubjectType", ok with { SubjectType = "tool shell" } },
            { "SubjectType", ok with { SubjectType = new string('t', ApprovalLimits.SubjectTypeMaxLength + 1) } },
            { "SubjectId", ok with { SubjectId = " " } },
            { "SubjectId", ok with { SubjectId = new string('s', ApprovalLimits.SubjectIdMaxLength + 1) } },
            { "Summary", ok with { Summary = "" } },
            { "Summary", ok with { Summary = new string('s', ApprovalLimits.SummaryMaxLength + 1) } },
            { "Scope", ok with { Scope = (ApprovalScope)9 } },
            { "DurationSeconds", ok with { Scope = ApprovalScope.Timeboxed, DurationSeconds = null } },
            { "DurationSeconds", ok with { Scope = ApprovalScope.Timeboxed, DurationSeconds = 0 } },
            { "DurationSeconds", ok with { Scope = ApprovalScope.Timeboxed, DurationSeconds = ApprovalLimits.MaxDurationSeconds + 1 } },
            { "DurationSeconds", ok with { Scope = ApprovalScope.Once, DurationSeconds = 60 } },
            { "DurationSeconds", ok with { Scope = ApprovalScope.Session, DurationSeconds = 60 } },
            { "ExpiresAt", ok with { ExpiresAt = T0 } },
            { "ExpiresAt", ok with { ExpiresAt = T0.AddSeconds(-1) } },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Given_nothing_When_request_with_an_invalid_field_Then_validation_names_the_field(string field, RequestApproval command) =>
        Approval.Given().When(command).ThenInvalid(field);

    public static TheoryData<ApprovalCommand> CommandsOnAnExistingApproval() => new()
    {
        new DecideApproval(Id, ApprovalDecision.Allow, "alice", null, T1),
        new ExpireApproval(Id, T1),
    };

    [Theory]
    [MemberData(nameof(CommandsOnAnExistingApproval))]
    public void Given_nothing_When_changing_Then_approval_not_found(ApprovalCommand command) =>
        Approval.Given().When(command).ThenThrows<NotFoundException>("approval.not_found");

    [Fact]
    public void Given_requested_once_When_allow_Then_decided_and_not_remembered() =>
        Approval.Given(Requested())
            .When(new DecideApproval(Id, ApprovalDecision.Allow, "alice", "fine", T1))
            .Then(new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Once, ApprovalDecision.Allow, "alice", "fine", false, null, T1));

    [Fact]
    public void Given_requested_once_When_deny_Then_decided_deny() =>
        Approval.Given(Requested())
            .When(new DecideApproval(Id, ApprovalDecision.Deny, "alice", null, T1))
            .Then(new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Once, ApprovalDecision.Deny, "alice", null, false, null, T1));

    [Fact]
    public void Given_requested_for_the_session_When_allow_Then_remembered_for_the_session() =>
        Approval.Given(Requested(ApprovalScope.Session))
            .When(new DecideApproval(Id, ApprovalDecision.Allow, "alice", null, T1))
            .Then(new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Session, ApprovalDecision.Allow, "alice", null, true, null, T1));

    [Fact]
    public void Given_requested_timeboxed_When_allow_Then_remembered_until_the_box_ends() =>
        Approval.Given(Requested(ApprovalScope.Timeboxed, 3600))
            .When(new DecideApproval(Id, ApprovalDecision.Allow, "alice", null, T1))
            .Then(new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Timeboxed, ApprovalDecision.Allow, "alice", null, true, T1.AddHours(1), T1));

    [Theory]
    [InlineData(ApprovalDecision.Allow)]
    [InlineData(ApprovalDecision.Deny)]
    public void Given_requested_once_When_decide_and_remember_for_the_session_Then_remembered_for_the_session_and_marked_widened(ApprovalDecision decision) =>
        Approval.Given(Requested())
            .When(new DecideApproval(Id, decision, "alice", null, T1, RememberForSession: true))
            .Then(new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Once, decision, "alice", null, true, null, T1, WidenedToSession: true));

    [Theory]
    [InlineData(ApprovalScope.Session, null)]
    [InlineData(ApprovalScope.Timeboxed, 3600L)]
    public void Given_requested_beyond_once_When_decide_and_remember_for_the_session_Then_approval_remember_not_once(ApprovalScope scope, long? duration) =>
        Approval.Given(Requested(scope, duration))
            .When(new DecideApproval(Id, ApprovalDecision.Allow, "alice", null, T1, RememberForSession: true))
            .ThenThrows<RuleViolationException>("approval.remember_not_once");

    [Fact]
    public void Given_decided_When_decide_again_and_remember_Then_approval_already_decided() =>
        Approval.Given(Requested(), new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Once, ApprovalDecision.Allow, "alice", null, false, null, T1))
            .When(new DecideApproval(Id, ApprovalDecision.Allow, "bob", null, T2, RememberForSession: true))
            .ThenThrows<RuleViolationException>("approval.already_decided");

    [Fact]
    public void Given_a_one_off_allow_remembered_for_the_session_When_asked_Then_remembered_like_a_session_scoped_allow()
    {
        var state = Approval.Given(
            Requested(),
            new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Once, ApprovalDecision.Allow, "alice", null, true, null, T1, WidenedToSession: true)).State;

        Assert.Equal(ApprovalScope.Session, state.Scope);
        Assert.True(state.RemembersAllow(SessionId, "tool.shell", "rm -rf build", T1.AddDays(30)));
        Assert.False(state.RemembersAllow(OtherSession, "tool.shell", "rm -rf build", T2));
    }

    [Theory]
    [InlineData(ApprovalDecision.Allow, ApprovalDecision.Allow)]
    [InlineData(ApprovalDecision.Allow, ApprovalDecision.Deny)]
    [InlineData(ApprovalDecision.Deny, ApprovalDecision.Allow)]
    [InlineData(ApprovalDecision.Deny, ApprovalDecision.Deny)]
    public void Given_decided_When_decide_again_Then_approval_already_decided(ApprovalDecision first, ApprovalDecision second) =>
        Approval.Given(Requested(), new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Once, first, "alice", null, false, null, T1))
            .When(new DecideApproval(Id, second, "bob", null, T2))
            .ThenThrows<RuleViolationException>("approval.already_decided");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Given_requested_When_decide_at_or_after_expiry_Then_approval_expired(int secondsAfter) =>
        Approval.Given(Requested())
            .When(new DecideApproval(Id, ApprovalDecision.Allow, "alice", null, Expiry.AddSeconds(secondsAfter)))
            .ThenThrows<RuleViolationException>("approval.expired");

    [Fact]
    public void Given_timed_out_When_decide_Then_approval_expired() =>
        Approval.Given(Requested(), new ApprovalTimedOut(Id, SessionId, Expiry))
            .When(new DecideApproval(Id, ApprovalDecision.Allow, "alice", null, T1))
            .ThenThrows<RuleViolationException>("approval.expired");

    [Fact]
    public void Given_requested_When_decide_with_an_unknown_decision_Then_validation_names_Decision() =>
        Approval.Given(Requested()).When(new DecideApproval(Id, (ApprovalDecision)5, "alice", null, T1)).ThenInvalid("Decision");

    [Fact]
    public void Given_requested_When_decide_without_decider_Then_validation_names_DecidedBy() =>
        Approval.Given(Requested()).When(new DecideApproval(Id, ApprovalDecision.Allow, "", null, T1)).ThenInvalid("DecidedBy");

    [Fact]
    public void Given_requested_When_expire_past_the_deadline_Then_timed_out() =>
        Approval.Given(Requested())
            .When(new ExpireApproval(Id, Expiry))
            .Then(new ApprovalTimedOut(Id, SessionId, Expiry));

    [Fact]
    public void Given_requested_When_expire_before_the_deadline_Then_approval_not_expired() =>
        Approval.Given(Requested()).When(new ExpireApproval(Id, T1)).ThenThrows<RuleViolationException>("approval.not_expired");

    [Fact]
    public void Given_decided_When_expire_Then_nothing() =>
        Approval.Given(Requested(), new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Once, ApprovalDecision.Allow, "alice", null, false, null, T1))
            .When(new ExpireApproval(Id, Expiry.AddHours(1)))
            .ThenNothing();

    [Fact]
    public void Given_timed_out_When_expire_again_Then_nothing() =>
        Approval.Given(Requested(), new ApprovalTimedOut(Id, SessionId, Expiry)).When(new ExpireApproval(Id, Expiry.AddHours(1))).ThenNothing();

    [Fact]
    public void Given_timed_out_When_evolved_Then_status_timed_out() =>
        Assert.Equal(ApprovalStatus.TimedOut, Approval.Given(Requested(), new ApprovalTimedOut(Id, SessionId, Expiry)).State.Status);

    [Fact]
    public void Given_a_session_scoped_allow_When_asked_Then_remembered_for_that_session_and_subject_only()
    {
        var state = Approval.Given(
            Requested(ApprovalScope.Session),
            new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Session, ApprovalDecision.Allow, "alice", null, true, null, T1)).State;

        Assert.True(state.RemembersAllow(SessionId, "tool.shell", "rm -rf build", T1.AddDays(30)));
        Assert.False(state.RemembersAllow(OtherSession, "tool.shell", "rm -rf build", T2));
        Assert.False(state.RemembersAllow(SessionId, "tool.shell", "rm -rf /", T2));
        Assert.False(state.RemembersAllow(SessionId, "tool.http", "rm -rf build", T2));
    }

    [Fact]
    public void Given_a_timeboxed_allow_When_asked_Then_remembered_only_inside_the_box()
    {
        var state = Approval.Given(
            Requested(ApprovalScope.Timeboxed, 3600),
            new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", ApprovalScope.Timeboxed, ApprovalDecision.Allow, "alice", null, true, T1.AddHours(1), T1)).State;

        Assert.True(state.RemembersAllow(SessionId, "tool.shell", "rm -rf build", T1.AddMinutes(59)));
        Assert.False(state.RemembersAllow(SessionId, "tool.shell", "rm -rf build", T1.AddHours(1)));
    }

    [Theory]
    [InlineData(ApprovalScope.Once, ApprovalDecision.Allow)]
    [InlineData(ApprovalScope.Session, ApprovalDecision.Deny)]
    public void Given_a_one_off_allow_or_a_deny_When_asked_Then_no_remembered_allow(ApprovalScope scope, ApprovalDecision decision)
    {
        var state = Approval.Given(
            Requested(scope),
            new ApprovalDecided(Id, SessionId, "tool.shell", "rm -rf build", scope, decision, "alice", null, scope != ApprovalScope.Once, null, T1)).State;

        Assert.False(state.RemembersAllow(SessionId, "tool.shell", "rm -rf build", T2));
    }

    [Fact]
    public void Given_nothing_When_stream_named_Then_approval_dash_id() =>
        Assert.Equal("approval-55555555-0000-0000-0000-000000000001", ApprovalDecider.StreamFor(Id).Value);
}
