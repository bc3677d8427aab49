using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Tests.Deciding;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Runs;

public class RunDeciderSpecs
{
    private static readonly Guid Id = Guid.Parse("22222222-0000-0000-0000-000000000001");
    private static readonly Guid Parent = Guid.Parse("22222222-0000-0000-0000-000000000002");
    private static readonly Guid SessionId = Guid.Parse("11111111-0000-0000-0000-000000000001");

    private static readonly RunAccepted Accepted = new(Id, SessionId, RunKind.Foreground, null, T0);
    private static readonly RunStarted Started = new(Id, SessionId, T1);
    private static readonly RunCancelRequested CancelRequested = new(Id, SessionId, "alice", T2);

    private static Spec<RunCommand, IRunEvent, RunState> Run =>
        new(RunDecider.Initial, RunDecider.Decide, RunDecider.Evolve);

    /// The events that bring a run to each status.
    private static IRunEvent[] HistoryTo(RunStatus status) => status switch
    {
        RunStatus.Accepted => [Accepted],
        RunStatus.InProgress => [Accepted, Started],
        RunStatus.Succeeded => [Accepted, Started, new RunSucceeded(Id, SessionId, null, T2)],
        RunStatus.Failed => [Accepted, Started, new RunFailed(Id, SessionId, "boom", false, T2)],
        RunStatus.Cancelled => [Accepted, new RunCancelled(Id, SessionId, null, T2)],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    [Theory]
    [InlineData(RunKind.Foreground)]
    [InlineData(RunKind.Background)]
    public void Given_nothing_When_accept_Then_accepted(RunKind kind) =>
        Run.Given().When(new AcceptRun(Id, SessionId, kind, null, T0)).Then(new RunAccepted(Id, SessionId, kind, null, T0));

    [Fact]
    public void Given_nothing_When_accept_a_delegated_run_with_a_parent_Then_accepted() =>
        Run.Given()
            .When(new AcceptRun(Id, SessionId, RunKind.Delegated, Parent, T0))
            .Then(new RunAccepted(Id, SessionId, RunKind.Delegated, Parent, T0));

    [Fact]
    public void Given_accepted_When_accept_again_Then_run_already_exists() =>
        Run.Given(Accepted).When(new AcceptRun(Id, SessionId, RunKind.Foreground, null, T1)).ThenThrows<RuleViolationException>("run.already_exists");

    public static TheoryData<string, Guid, Guid, RunKind, Guid?> InvalidAccepts() => new()
    {
        { "RunId", Guid.Empty, SessionId, RunKind.Foreground, null },
        { "SessionId", Id, Guid.Empty, RunKind.Foreground, null },
        { "Kind", Id, SessionId, (RunKind)42, null },
        { "ParentRunId", Id, SessionId, RunKind.Delegated, null },
        { "ParentRunId", Id, SessionId, RunKind.Background, Parent },
        { "ParentRunId", Id, SessionId, RunKind.Foreground, Parent },
        { "ParentRunId", Id, SessionId, RunKind.Delegated, Id },
        { "ParentRunId", Id, SessionId, RunKind.Delegated, Guid.Empty },
    };

    [Theory]
    [MemberData(nameof(InvalidAccepts))]
    public void Given_nothing_When_accept_with_an_invalid_field_Then_validation_names_the_field(
        string field, Guid runId, Guid sessionId, RunKind kind, Guid? parent) =>
        Run.Given().When(new AcceptRun(runId, sessionId, kind, parent, T0)).ThenInvalid(field);

    public static TheoryData<RunCommand> CommandsOnAnExistingRun() => new()
    {
        new StartRun(Id, T1),
        new CompleteRun(Id, null, T1),
        new FailRun(Id, "x", T1),
        new CancelRun(Id, null, T1),
        new RequestRunCancel(Id, null, T1),
        new RecordRunTokenUsage(Id, 1, 1, T1),
        new FailOrphanedRun(Id, "restart", T1),
    };

    [Theory]
    [MemberData(nameof(CommandsOnAnExistingRun))]
    public void Given_nothing_When_changing_Then_run_not_found(RunCommand command) =>
        Run.Given().When(command).ThenThrows<NotFoundException>("run.not_found");

    public static TheoryData<RunStatus, RunStatus, bool> TransitionTable()
    {
        // The whole 5 x 5 matrix, written out, so the table cannot drift unnoticed.
        var allowed = new HashSet<(RunStatus, RunStatus)>
        {
            (RunStatus.Accepted, RunStatus.InProgress),
            (RunStatus.Accepted, RunStatus.Failed),
            (RunStatus.Accepted, RunStatus.Cancelled),
            (RunStatus.InProgress, RunStatus.Succeeded),
            (RunStatus.InProgress, RunStatus.Failed),
            (RunStatus.InProgress, RunStatus.Cancelled),
        };
        var data = new TheoryData<RunStatus, RunStatus, bool>();
        foreach (var from in Enum.GetValues<RunStatus>())
        {
            foreach (var to in Enum.GetValues<RunStatus>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TransitionTable))]
    public void Given_the_transition_table_When_asked_about_a_pair_Then_it_answers_as_written(RunStatus from, RunStatus to, bool allowed) =>
        Assert.Equal(allowed, RunTransitions.IsAllowed(from, to));

    public static TheoryData<RunStatus, RunStatus> CommandTransitions()
    {
        var data = new TheoryData<RunStatus, RunStatus>();
        foreach (var from in Enum.GetValues<RunStatus>())
        {
            foreach (var to in new[] { RunStatus.InProgress, RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled })
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandTransitions))]
    public void Given_a_run_in_a_status_When_moving_it_Then_the_table_decides(RunStatus from, RunStatus to)
    {
        var (command, expected) = to switch
        {
            RunStatus.InProgress => ((RunCommand)new StartRun(Id, T3), (IRunEvent)new RunStarted(Id, SessionId, T3)),
            RunStatus.Succeeded => (new CompleteRun(Id, "ok", T3), new RunSucceeded(Id, SessionId, "ok", T3)),
            RunStatus.Failed => (new FailRun(Id, "boom", T3), new RunFailed(Id, SessionId, "boom", false, T3)),
            RunStatus.Cancelled => (new CancelRun(Id, "stop", T3), new RunCancelled(Id, SessionId, "stop", T3)),
            _ => throw new ArgumentOutOfRangeException(nameof(to)),
        };
        var spec = Run.Given(HistoryTo(from)).When(command);

        if (RunTransitions.IsAllowed(from, to))
        {
            spec.Then(expected);
            Assert.Equal(to, Run.Given([.. HistoryTo(from), expected]).State.Status);
        }
        else
        {
            spec.ThenThrows<RuleViolationException>("run.invalid_transition");
        }
    }

    [Fact]
    public void Given_in_progress_When_request_cancel_Then_cancel_requested() =>
        Run.Given(Accepted, Started).When(new RequestRunCancel(Id, "alice", T2)).Then(CancelRequested);

    [Fact]
    public void Given_accepted_When_request_cancel_Then_cancel_requested() =>
        Run.Given(Accepted).When(new RequestRunCancel(Id, null, T2)).Then(new RunCancelRequested(Id, SessionId, null, T2));

    [Fact]
    public void Given_cancel_requested_When_request_cancel_again_Then_nothing() =>
        Run.Given(Accepted, Started, CancelRequested).When(new RequestRunCancel(Id, "bob", T3)).ThenNothing();

    [Fact]
    public void Given_cancel_requested_When_complete_Then_run_cancel_requested() =>
        Run.Given(Accepted, Started, CancelRequested)
            .When(new CompleteRun(Id, null, T3))
            .ThenThrows<RuleViolationException>("run.cancel_requested");

    [Fact]
    public void Given_cancel_requested_When_cancel_Then_cancelled() =>
        Run.Given(Accepted, Started, CancelRequested)
            .When(new CancelRun(Id, null, T3))
            .Then(new RunCancelled(Id, SessionId, null, T3));

    [Fact]
    public void Given_cancel_requested_When_fail_Then_failed() =>
        Run.Given(Accepted, Started, CancelRequested)
            .When(new FailRun(Id, "gave up", T3))
            .Then(new RunFailed(Id, SessionId, "gave up", false, T3));

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    public void Given_a_finished_run_When_request_cancel_Then_run_finished(RunStatus status) =>
        Run.Given(HistoryTo(status)).When(new RequestRunCancel(Id, null, T3)).ThenThrows<RuleViolationException>("run.finished");

    [Fact]
    public void Given_in_progress_When_record_token_usage_Then_tokens_recorded() =>
        Run.Given(Accepted, Started)
            .When(new RecordRunTokenUsage(Id, 120, 45, T2))
            .Then(new RunTokensRecorded(Id, SessionId, 120, 45, T2));

    [Fact]
    public void Given_in_progress_When_record_zero_tokens_Then_nothing() =>
        Run.Given(Accepted, Started).When(new RecordRunTokenUsage(Id, 0, 0, T2)).ThenNothing();

    [Theory]
    [InlineData(-1, 0, "InputTokens")]
    [InlineData(0, -1, "OutputTokens")]
    public void Given_in_progress_When_record_negative_tokens_Then_validation_names_the_field(long input, long output, string field) =>
        Run.Given(Accepted, Started).When(new RecordRunTokenUsage(Id, input, output, T2)).ThenInvalid(field);

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    public void Given_a_finished_run_When_record_token_usage_Then_run_finished(RunStatus status) =>
        Run.Given(HistoryTo(status)).When(new RecordRunTokenUsage(Id, 1, 1, T3)).ThenThrows<RuleViolationException>("run.finished");

    [Fact]
    public void Given_several_token_records_When_evolved_Then_totals_accumulate()
    {
        var state = Run.Given(
            Accepted,
            Started,
            new RunTokensRecorded(Id, SessionId, 100, 10, T1),
            new RunTokensRecorded(Id, SessionId, 50, 0, T2),
            new RunTokensRecorded(Id, SessionId, 0, 7, T3)).State;

        Assert.Equal((150L, 17L), (state.InputTokens, state.OutputTokens));
    }

    [Theory]
    [InlineData(RunStatus.Accepted)]
    [InlineData(RunStatus.InProgress)]
    public void Given_an_active_run_When_fail_orphaned_Then_failed_as_orphaned(RunStatus status) =>
        Run.Given(HistoryTo(status))
            .When(new FailOrphanedRun(Id, "process restarted", T3))
            .Then(new RunFailed(Id, SessionId, "process restarted", true, T3));

    [Fact]
    public void Given_an_active_run_with_cancel_requested_When_fail_orphaned_Then_failed_as_orphaned() =>
        Run.Given(Accepted, Started, CancelRequested)
            .When(new FailOrphanedRun(Id, "process restarted", T3))
            .Then(new RunFailed(Id, SessionId, "process restarted", true, T3));

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    public void Given_a_finished_run_When_fail_orphaned_Then_nothing(RunStatus status) =>
        Run.Given(HistoryTo(status)).When(new FailOrphanedRun(Id, "process restarted", T3)).ThenNothing();

    [Fact]
    public void Given_in_progress_When_fail_orphaned_without_reason_Then_validation_names_Reason() =>
        Run.Given(Accepted, Started).When(new FailOrphanedRun(Id, "", T3)).ThenInvalid("Reason");

    [Fact]
    public void Given_in_progress_When_fail_without_reason_Then_validation_names_Reason() =>
        Run.Given(Accepted, Started).When(new FailRun(Id, " ", T3)).ThenInvalid("Reason");

    [Fact]
    public void Given_nothing_When_stream_named_Then_run_dash_id() =>
        Assert.Equal("run-22222222-0000-0000-0000-000000000001", RunDecider.StreamFor(Id).Value);
}
