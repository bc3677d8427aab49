using Bunit;
using Journal.ControlRoom.Approvals;
using Journal.ControlRoom.Auth;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Approvals;
using Journal.Domain.Approvals.UseCases;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Projections.Approvals;

namespace Journal.ControlRoom.Tests.Components;

public sealed class ApprovalCardTests : ComponentTestBase
{
    private static readonly Viewer Reader = new("reader-app", CanDecide: false, IsAdmin: false);
    private static readonly Viewer Writer = new("writer-app", CanDecide: true, IsAdmin: false);

    [Fact]
    public void A_reader_sees_the_request_but_no_Allow_or_Deny()
    {
        var card = Card(Rows.Pending("run the build script"), Reader);

        Assert.Contains("run the build script", card.Markup, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("button"));
    }

    [Fact]
    public void A_writer_allows_and_the_command_names_the_key_as_actor_and_decider()
    {
        var approval = Rows.Pending("run the build script");
        Mediator.On<DecideApprovalRequest, CommandResult>(_ => new CommandResult($"approval-{approval.ApprovalId}", 2, 41, 1));
        Decided? decided = null;
        var card = Render<ApprovalCard>(p => p.Add(c => c.Approval, approval).Add(c => c.Viewer, Writer).Add(c => c.OnDecided, d => decided = d));

        card.Find($"#reason-{approval.ApprovalId}").Change("looks safe");
        card.FindAll("button").Single(b => b.TextContent == "Allow").Click();

        var sent = Assert.Single(Mediator.SentOf<DecideApprovalRequest>());
        Assert.Equal((approval.ApprovalId, ApprovalDecision.Allow, "writer-app", "looks safe"), (sent.ApprovalId, sent.Decision, sent.DecidedBy, sent.Reason));
        Assert.Equal("writer-app", sent.Context.Actor);
        Assert.False(string.IsNullOrEmpty(sent.Context.CorrelationId));
        Assert.Contains("Allowed.", card.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("tape position 41", card.Markup, StringComparison.Ordinal);
        Assert.Equal((41L, approval.ApprovalId, true), (decided!.Position, decided.Approval.ApprovalId, decided.Outcome.Succeeded));
    }

    [Fact]
    public void A_decision_reached_by_someone_signed_in_as_a_reader_is_refused_on_the_server_and_nothing_is_sent()
    {
        // The card believes a writer looks (as a stale page would); the circuit's signed-in person is a reader.
        SignIn("reader-app", "reader");
        var approval = Rows.Pending("run the build script");
        Decided? decided = null;
        var card = Render<ApprovalCard>(p => p.Add(c => c.Approval, approval).Add(c => c.Viewer, Writer).Add(c => c.OnDecided, d => decided = d));

        card.FindAll("button").Single(b => b.TextContent == "Allow").Click();

        var alert = card.Find("[role=alert]");
        Assert.Contains("Not allowed.", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("needs the writer role", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("auth.forbidden", alert.TextContent, StringComparison.Ordinal);
        Assert.Empty(Mediator.SentOf<DecideApprovalRequest>());
        Assert.Null(decided);
    }

    [Fact]
    public void A_refused_decision_shows_the_problem_words_and_type()
    {
        var approval = Rows.Pending("deploy to production");
        Mediator.On<DecideApprovalRequest, CommandResult>(_ => throw new RuleViolationException("approval.already_decided", "the approval was already decided: Deny"));
        Decided? decided = null;
        var card = Render<ApprovalCard>(p => p.Add(c => c.Approval, approval).Add(c => c.Viewer, Writer).Add(c => c.OnDecided, d => decided = d));

        card.FindAll("button").Single(b => b.TextContent == "Deny").Click();

        var alert = card.Find("[role=alert]");
        Assert.Contains("The request breaks a rule of the journal.", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("the approval was already decided: Deny", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("approval.already_decided", alert.TextContent, StringComparison.Ordinal);
        Assert.Null(decided);
        Assert.Equal(ApprovalDecision.Deny, Assert.Single(Mediator.SentOf<DecideApprovalRequest>()).Decision);
    }

    [Theory]
    [InlineData(ApprovalScope.Session, "remembered for the rest of the session")]
    [InlineData(ApprovalScope.Once, "this request only")]
    public void The_scope_says_whether_the_decision_is_remembered(ApprovalScope scope, string words)
    {
        var card = Card(Rows.Pending("read the logs", scope), Writer);

        Assert.Contains(words, card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_remembers_a_one_off_decision_for_the_session_with_the_labelled_checkbox()
    {
        var approval = Rows.Pending("run the linter");
        Mediator.On<DecideApprovalRequest, CommandResult>(_ => new CommandResult($"approval-{approval.ApprovalId}", 2, 57, 1));
        var card = Card(approval, Writer);

        var box = card.Find($"#remember-{approval.ApprovalId}");
        Assert.Contains("Remember this decision for the rest of the session", box.Closest("label")!.TextContent, StringComparison.Ordinal);
        box.Change(true);
        card.FindAll("button").Single(b => b.TextContent == "Allow").Click();

        var sent = Assert.Single(Mediator.SentOf<DecideApprovalRequest>());
        Assert.Equal((ApprovalDecision.Allow, true), (sent.Decision, sent.RememberForSession));
        Assert.Contains("Allowed and remembered for this session.", card.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Left_unticked_the_decision_is_for_this_request_only()
    {
        var approval = Rows.Pending("run the linter");
        Mediator.On<DecideApprovalRequest, CommandResult>(_ => new CommandResult($"approval-{approval.ApprovalId}", 2, 57, 1));
        var card = Card(approval, Writer);

        card.FindAll("button").Single(b => b.TextContent == "Deny").Click();

        Assert.False(Assert.Single(Mediator.SentOf<DecideApprovalRequest>()).RememberForSession);
        Assert.Contains("Denied.", card.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApprovalScope.Session)]
    [InlineData(ApprovalScope.Timeboxed)]
    public void A_request_remembered_by_its_scope_offers_no_remember_checkbox(ApprovalScope scope)
    {
        var card = Card(Rows.Pending("read the logs", scope), Writer);

        Assert.Empty(card.FindAll("input[type=checkbox]"));
        Assert.Equal(2, card.FindAll("button").Count);
    }

    [Fact]
    public void A_reader_sees_no_remember_checkbox()
    {
        var card = Card(Rows.Pending("run the linter"), Reader);

        Assert.Empty(card.FindAll("input[type=checkbox]"));
    }

    private IRenderedComponent<ApprovalCard> Card(ApprovalRow approval, Viewer viewer) =>
        Render<ApprovalCard>(p => p.Add(c => c.Approval, approval).Add(c => c.Viewer, viewer));
}
