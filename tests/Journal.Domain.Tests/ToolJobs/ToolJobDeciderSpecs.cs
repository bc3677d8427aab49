using Journal.Domain.Errors;
using Journal.Domain.Tests.Deciding;
using Journal.Domain.ToolJobs;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.ToolJobs;

public class ToolJobDeciderSpecs
{
    private static readonly Guid Id = Guid.Parse("44444444-0000-0000-0000-000000000001");
    private static readonly Guid SessionId = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid RunId = Guid.Parse("22222222-0000-0000-0000-000000000001");

    private static readonly ToolJobQueued Queued = new(Id, SessionId, RunId, "shell", "{\"cmd\":\"ls\"}", T0);
    private static readonly ToolJobStarted Started = new(Id, 1, T1);
    private static readonly ToolJobFailed Failed = new(Id, "exit 1", 1, false, T2);

    private static Spec<ToolJobCommand, IToolJobEvent, ToolJobState> Job =>
        new(ToolJobDecider.Initial, ToolJobDecider.Decide, ToolJobDecider.Evolve);

    private static IToolJobEvent[] HistoryTo(ToolJobStatus status) => status switch
    {
        ToolJobStatus.Queued => [Queued],
        ToolJobStatus.Running => [Queued, Started],
        ToolJobStatus.Succeeded => [Queued, Started, new ToolJobSucceeded(Id, 0, T2)],
        ToolJobStatus.Failed => [Queued, Started, Failed],
        ToolJobStatus.Cancelled => [Queued, new ToolJobCancelled(Id, null, T2)],
        ToolJobStatus.TimedOut => [Queued, Started, new ToolJobTimedOut(Id, T2)],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    [Fact]
    public void Given_nothing_When_queue_Then_queued() =>
        Job.Given().When(new QueueToolJob(Id, SessionId, RunId, "shell", "{\"cmd\":\"ls\"}", T0)).Then(Queued);

    [Fact]
    public void Given_queued_When_queue_again_Then_tooljob_already_exists() =>
        Job.Given(Queued).When(new QueueToolJob(Id, SessionId, null, "shell", null, T1)).ThenThrows<RuleViolationException>("tooljob.already_exists");

    public static TheoryData<string, Guid, Guid, Guid?, string, string?> InvalidQueues() => new()
    {
        { "JobId", Guid.Empty, SessionId, null, "shell", null },
        { "SessionId", Id, Guid.Empty, null, "shell", null },
        { "RunId", Id, SessionId, Guid.Empty, "shell", null },
        { "ToolName", Id, SessionId, null, "", null },
        { "ToolName", Id, SessionId, null, "rm -rf", null },
        { "Arguments", Id, SessionId, null, "shell", new string('a', ToolJobLimits.ArgumentsMaxLength + 1) },
    };

    [Theory]
    [MemberData(nameof(InvalidQueues))]
    public void Given_nothing_When_queue_with_an_invalid_field_Then_validation_names_the_field(
        string field, Guid jobId, Guid sessionId, Guid? runId, string tool, string? args) =>
        Job.Given().When(new QueueToolJob(jobId, sessionId, runId, tool, args, T0)).ThenInvalid(field);

    public static TheoryData<ToolJobCommand> CommandsOnAnExistingJob() => new()
    {
        new StartToolJob(Id, T1),
        new AppendToolJobOutput(Id, ToolOutputStream.Stdout, "x", T1),
        new CompleteToolJob(Id, 0, T1),
        new FailToolJob(Id, "x", null, T1),
        new CancelToolJob(Id, null, T1),
        new TimeOutToolJob(Id, T1),
        new RetryToolJob(Id, "k", T1),
        new RecoverInterruptedToolJob(Id, T1),
    };

    [Theory]
    [MemberData(nameof(CommandsOnAnExistingJob))]
    public void Given_nothing_When_changing_Then_tooljob_not_found(ToolJobCommand command) =>
        Job.Given().When(command).ThenThrows<NotFoundException>("tooljob.not_found");

    public static TheoryData<ToolJobStatus, ToolJobStatus, bool> TransitionTable()
    {
        var allowed = new HashSet<(ToolJobStatus, ToolJobStatus)>
        {
            (ToolJobStatus.Queued, ToolJobStatus.Running),
            (ToolJobStatus.Queued, ToolJobStatus.Cancelled),
            (ToolJobStatus.Running, ToolJobStatus.Succeeded),
            (ToolJobStatus.Running, ToolJobStatus.Failed),
            (ToolJobStatus.Running, ToolJobStatus.Cancelled),
            (ToolJobStatus.Running, ToolJobStatus.TimedOut),
            (ToolJobStatus.Failed, ToolJobStatus.Queued),
            (ToolJobStatus.TimedOut, ToolJobStatus.Queued),
        };
        var data = new TheoryData<ToolJobStatus, ToolJobStatus, bool>();
        foreach (var from in Enum.GetValues<ToolJobStatus>())
        {
            foreach (var to in Enum.GetValues<ToolJobStatus>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TransitionTable))]
    public void Given_the_transition_table_When_asked_about_a_pair_Then_it_answers_as_written(ToolJobStatus from, ToolJobStatus to, bool allowed) =>
        Assert.Equal(allowed, ToolJobTransitions.IsAllowed(from, to));

    public static TheoryData<ToolJobStatus, ToolJobStatus> CommandTransitions()
    {
        var data = new TheoryData<ToolJobStatus, ToolJobStatus>();
        foreach (var from in Enum.GetValues<ToolJobStatus>())
        {
            foreach (var to in Enum.GetValues<ToolJobStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandTransitions))]
    public void Given_a_job_in_a_status_When_moving_it_Then_the_table_decides(ToolJobStatus from, ToolJobStatus to)
    {
        var attempt = 1;
        var (command, expected) = to switch
        {
            ToolJobStatus.Queued => ((ToolJobCommand)new RetryToolJob(Id, "retry-1", T3), (IToolJobEvent)new ToolJobRetried(Id, "retry-1", attempt + 1, T3)),
            ToolJobStatus.Running => (new StartToolJob(Id, T3), new ToolJobStarted(Id, attempt, T3)),
            ToolJobStatus.Succeeded => (new CompleteToolJob(Id, 0, T3), new ToolJobSucceeded(Id, 0, T3)),
            ToolJobStatus.Failed => (new FailToolJob(Id, "boom", 2, T3), new ToolJobFailed(Id, "boom", 2, false, T3)),
            ToolJobStatus.Cancelled => (new CancelToolJob(Id, "stop", T3), new ToolJobCancelled(Id, "stop", T3)),
            ToolJobStatus.TimedOut => (new TimeOutToolJob(Id, T3), new ToolJobTimedOut(Id, T3)),
            _ => throw new ArgumentOutOfRangeException(nameof(to)),
        };
        var spec = Job.Given(HistoryTo(from)).When(command);

        if (ToolJobTransitions.IsAllowed(from, to))
        {
            spec.Then(expected);
            Assert.Equal(to, Job.Given([.. HistoryTo(from), expected]).State.Status);
        }
        else
        {
            spec.ThenThrows<RuleViolationException>("tooljob.invalid_transition");
        }
    }

    [Fact]
    public void Given_running_When_append_output_Then_chunk_with_its_sha256() =>
        Job.Given(Queued, Started)
            .When(new AppendToolJobOutput(Id, ToolOutputStream.Stdout, "abc", T2))
            .Then(new ToolJobOutputAppended(
                Id, 0, ToolOutputStream.Stdout, "abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ToolJobLimits.DefaultTailBytes, T2));

    [Fact]
    public void Given_a_chunk_When_append_more_Then_the_next_index_and_utf8_byte_count() =>
        Job.Given(Queued, Started, new ToolJobOutputAppended(Id, 0, ToolOutputStream.Stdout, "abc", 3, "h", 100, T2))
            .When(new AppendToolJobOutput(Id, ToolOutputStream.Stderr, "é", T3, 100))
            .Then(new ToolJobOutputAppended(
                Id, 1, ToolOutputStream.Stderr, "é", 2, "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", 100, T3));

    [Theory]
    [InlineData(ToolJobStatus.Queued)]
    [InlineData(ToolJobStatus.Succeeded)]
    [InlineData(ToolJobStatus.Failed)]
    [InlineData(ToolJobStatus.Cancelled)]
    [InlineData(ToolJobStatus.TimedOut)]
    public void Given_a_job_not_running_When_append_output_Then_tooljob_not_running(ToolJobStatus status) =>
        Job.Given(HistoryTo(status))
            .When(new AppendToolJobOutput(Id, ToolOutputStream.Stdout, "x", T3))
            .ThenThrows<RuleViolationException>("tooljob.not_running");

    [Fact]
    public void Given_running_When_append_empty_output_Then_validation_names_Text() =>
        Job.Given(Queued, Started).When(new AppendToolJobOutput(Id, ToolOutputStream.Stdout, "", T2)).ThenInvalid("Text");

    [Fact]
    public void Given_running_When_append_output_to_an_unknown_stream_Then_validation_names_Stream() =>
        Job.Given(Queued, Started).When(new AppendToolJobOutput(Id, (ToolOutputStream)7, "x", T2)).ThenInvalid("Stream");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(ToolJobLimits.MaxTailBytes + 1)]
    public void Given_running_When_append_with_an_invalid_tail_limit_Then_validation_names_MaxTailBytes(int max) =>
        Job.Given(Queued, Started).When(new AppendToolJobOutput(Id, ToolOutputStream.Stdout, "x", T2, max)).ThenInvalid("MaxTailBytes");

    [Fact]
    public void Given_running_When_append_a_chunk_larger_than_the_tail_Then_input_too_large()
    {
        var ex = Job.Given(Queued, Started)
            .When(new AppendToolJobOutput(Id, ToolOutputStream.Stdout, new string('x', 11), T2, 10))
            .ThenThrows<TooLargeException>("input.too_large");

        Assert.Equal((11L, 10L), (ex.Size, ex.Limit));
    }

    [Fact]
    public void Given_more_output_than_the_tail_holds_When_evolved_Then_only_the_newest_chunks_are_kept()
    {
        var chunk = new string('x', 1024);
        var history = new List<IToolJobEvent> { Queued, Started };
        for (var i = 0; i < 20; i++)
        {
            history.Add(new ToolJobOutputAppended(Id, i, ToolOutputStream.Stdout, chunk, 1024, "h", ToolJobLimits.DefaultTailBytes, T2));
        }

        var state = Job.Given([.. history]).State;

        Assert.Equal(16 * 1024, state.TailBytes);
        Assert.Equal(Enumerable.Range(4, 16).Select(i => (long)i), state.Tail.Select(c => c.Index));
        Assert.Equal(20, state.NextChunkIndex);
    }

    [Fact]
    public void Given_a_smaller_tail_limit_When_evolved_Then_oldest_chunks_are_dropped_to_fit()
    {
        var state = Job.Given(
            Queued,
            Started,
            new ToolJobOutputAppended(Id, 0, ToolOutputStream.Stdout, "aaaa", 4, "h", 10, T2),
            new ToolJobOutputAppended(Id, 1, ToolOutputStream.Stderr, "bbbb", 4, "h", 10, T2),
            new ToolJobOutputAppended(Id, 2, ToolOutputStream.Stdout, "cccc", 4, "h", 10, T2)).State;

        Assert.Equal(["bbbb", "cccc"], state.Tail.Select(c => c.Text));
        Assert.Equal(8, state.TailBytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Given_failed_When_retry_without_an_idempotency_key_Then_validation_names_IdempotencyKey(string? key) =>
        Job.Given(Queued, Started, Failed).When(new RetryToolJob(Id, key, T3)).ThenInvalid("IdempotencyKey");

    [Fact]
    public void Given_failed_When_retry_with_an_invalid_key_Then_validation_names_IdempotencyKey() =>
        Job.Given(Queued, Started, Failed).When(new RetryToolJob(Id, "not a key", T3)).ThenInvalid("IdempotencyKey");

    [Fact]
    public void Given_retried_with_a_key_When_retry_with_the_same_key_Then_nothing() =>
        Job.Given(Queued, Started, Failed, new ToolJobRetried(Id, "k1", 2, T3))
            .When(new RetryToolJob(Id, "k1", T3))
            .ThenNothing();

    [Fact]
    public void Given_retried_and_failed_again_When_retry_with_the_same_key_Then_nothing() =>
        Job.Given(Queued, Started, Failed, new ToolJobRetried(Id, "k1", 2, T3), new ToolJobStarted(Id, 2, T3), Failed)
            .When(new RetryToolJob(Id, "k1", T3))
            .ThenNothing();

    [Fact]
    public void Given_retried_and_failed_again_When_retry_with_a_new_key_Then_the_third_attempt() =>
        Job.Given(Queued, Started, Failed, new ToolJobRetried(Id, "k1", 2, T3), new ToolJobStarted(Id, 2, T3), Failed)
            .When(new RetryToolJob(Id, "k2", T3))
            .Then(new ToolJobRetried(Id, "k2", 3, T3));

    [Fact]
    public void Given_output_then_retried_When_evolved_Then_the_tail_starts_empty()
    {
        var state = Job.Given(
            Queued,
            Started,
            new ToolJobOutputAppended(Id, 0, ToolOutputStream.Stdout, "old", 3, "h", 100, T2),
            Failed,
            new ToolJobRetried(Id, "k1", 2, T3)).State;

        Assert.Empty(state.Tail);
        Assert.Equal((0L, ToolJobStatus.Queued, 2), (state.TailBytes, state.Status, state.Attempt));
    }

    [Fact]
    public void Given_running_When_recover_interrupted_Then_failed_as_interrupted() =>
        Job.Given(Queued, Started)
            .When(new RecoverInterruptedToolJob(Id, T3))
            .Then(new ToolJobFailed(Id, "interrupted", null, true, T3));

    [Theory]
    [InlineData(ToolJobStatus.Queued)]
    [InlineData(ToolJobStatus.Succeeded)]
    [InlineData(ToolJobStatus.Failed)]
    [InlineData(ToolJobStatus.Cancelled)]
    [InlineData(ToolJobStatus.TimedOut)]
    public void Given_a_job_not_running_When_recover_interrupted_Then_nothing(ToolJobStatus status) =>
        Job.Given(HistoryTo(status)).When(new RecoverInterruptedToolJob(Id, T3)).ThenNothing();

    [Fact]
    public void Given_running_When_fail_without_reason_Then_validation_names_Reason() =>
        Job.Given(Queued, Started).When(new FailToolJob(Id, "", null, T2)).ThenInvalid("Reason");

    [Fact]
    public void Given_nothing_When_stream_named_Then_tooljob_dash_id() =>
        Assert.Equal("tooljob-44444444-0000-0000-0000-000000000001", ToolJobDecider.StreamFor(Id).Value);
}
