using System.Security.Cryptography;
using System.Text;
using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.ToolJobs;
using Journal.Domain.ToolJobs.UseCases;

namespace Journal.Domain.Tests.UseCases;

public sealed class ToolJobUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task QueueToolJob_appends_the_queued_job_and_returns_the_position()
    {
        var jobId = Guid.NewGuid();
        var sessionId = Guid.NewGuid();
        var runId = Guid.NewGuid();

        var result = await _journal.Send(new QueueToolJobRequest(jobId, sessionId, "shell.exec", runId, "{\"cmd\":\"ls\"}"));

        Assert.Equal(1, result.Position);
        Assert.Equal(1, result.EventsWritten);
        Assert.Equal(1, result.StreamVersion);
        Assert.Equal(ToolJobDecider.StreamFor(jobId).Value, result.Stream);
        var queued = Assert.IsType<ToolJobQueued>(Assert.Single(await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId))));
        Assert.Equal((jobId, sessionId, runId, "shell.exec", "{\"cmd\":\"ls\"}"), (queued.JobId, queued.SessionId, queued.RunId, queued.ToolName, queued.Arguments));
    }

    [Fact]
    public async Task QueueToolJob_picks_a_new_id_when_none_is_given()
    {
        var result = await _journal.Send(new QueueToolJobRequest(null, Guid.NewGuid(), "web.fetch"));

        Assert.StartsWith("tooljob-", result.Stream, StringComparison.Ordinal);
        Assert.Equal(1, result.EventsWritten);
    }

    [Fact]
    public async Task QueueToolJob_refuses_an_id_already_in_use_and_writes_nothing()
    {
        var jobId = await Queued();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new QueueToolJobRequest(jobId, Guid.NewGuid(), "shell.exec")));

        Assert.Equal("tooljob.already_exists", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task QueueToolJob_refuses_a_tool_name_that_is_not_a_key_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new QueueToolJobRequest(Guid.NewGuid(), Guid.NewGuid(), "rm -rf /")));

        Assert.Equal("ToolName", error.Field);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task StartToolJob_moves_a_queued_job_to_running()
    {
        var jobId = await Queued();

        var result = await _journal.Send(new StartToolJobRequest(jobId));

        Assert.Equal((2L, 1, 2L), (result.Position, result.EventsWritten, result.StreamVersion));
        var started = Assert.IsType<ToolJobStarted>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
        Assert.Equal(1, started.Attempt);
        Assert.Equal(ToolJobStatus.Running, (await StateOf(jobId)).Status);
    }

    [Fact]
    public async Task StartToolJob_refuses_an_unknown_job_and_writes_nothing()
    {
        await Queued();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new StartToolJobRequest(Guid.NewGuid())));

        Assert.Equal("tooljob.not_found", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task StartToolJob_refuses_a_job_that_is_running_already_and_writes_nothing()
    {
        var jobId = await Running();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new StartToolJobRequest(jobId)));

        Assert.Equal("tooljob.invalid_transition", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task AppendToolJobOutput_keeps_every_chunk_with_its_sha256_and_only_a_bounded_tail_in_the_state()
    {
        var jobId = await Running();
        string[] chunks = ["alpha\n", "beta-beta\n", "gamma\n", "delta!\n"];

        var results = new List<CommandResult>();
        foreach (var (chunk, i) in chunks.Select((c, i) => (c, i)))
        {
            results.Add(await _journal.Send(new AppendToolJobOutputRequest(jobId, i % 2 == 0 ? ToolOutputStream.Stdout : ToolOutputStream.Stderr, chunk, MaxTailBytes: 16)));
        }

        Assert.All(results, r => Assert.Equal(1, r.EventsWritten));
        Assert.Equal([3L, 4L, 5L, 6L], results.Select(r => r.Position));
        var appended = (await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId))).OfType<ToolJobOutputAppended>().ToList();
        Assert.Equal(chunks, appended.Select(e => e.Text));
        Assert.Equal([0L, 1L, 2L, 3L], appended.Select(e => e.Index));
        Assert.All(appended, e => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(e.Text))), e.Sha256));
        Assert.All(appended, e => Assert.Equal(Encoding.UTF8.GetByteCount(e.Text), e.ByteCount));
        var state = await StateOf(jobId);
        Assert.Equal(["gamma\n", "delta!\n"], state.Tail.Select(c => c.Text));
        Assert.Equal(13, state.TailBytes);
        Assert.True(state.TailBytes <= 16);
        Assert.Equal(4, state.NextChunkIndex);
    }

    [Fact]
    public async Task AppendToolJobOutput_never_stores_a_secret_written_in_the_output()
    {
        var jobId = await Running();
        var token = "ghp_" + string.Concat(Enumerable.Repeat("Zq7", 12));
        Assert.Equal(40, token.Length);

        await _journal.Send(new AppendToolJobOutputRequest(jobId, ToolOutputStream.Stdout, $"cloning with GITHUB_TOKEN={token} into ./repo\n"));

        var recorded = (await _journal.RecordedAsync(ToolJobDecider.StreamFor(jobId)))[^1];
        Assert.Equal("tooljob.output_appended.v1", recorded.EventType);
        var secret = Encoding.UTF8.GetBytes(token[4..]);
        Assert.Equal(-1, recorded.Payload!.Value.Span.IndexOf(secret));
        var stored = Assert.IsType<ToolJobOutputAppended>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
        Assert.DoesNotContain(token, stored.Text, StringComparison.Ordinal);
        Assert.Contains("into ./repo", stored.Text, StringComparison.Ordinal);

        // The chunk's digest and size describe the redacted text the tape keeps, not the secret.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stored.Text))), stored.Sha256);
        Assert.Equal(Encoding.UTF8.GetByteCount(stored.Text), stored.ByteCount);
    }

    [Fact]
    public async Task AppendToolJobOutput_refuses_output_of_a_job_that_is_not_running_and_writes_nothing()
    {
        var jobId = await Queued();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new AppendToolJobOutputRequest(jobId, ToolOutputStream.Stdout, "early")));

        Assert.Equal("tooljob.not_running", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task AppendToolJobOutput_refuses_a_chunk_larger_than_the_tail_and_writes_nothing()
    {
        var jobId = await Running();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<TooLargeException>(() => _journal.Send(new AppendToolJobOutputRequest(jobId, ToolOutputStream.Stdout, new string('x', 33), MaxTailBytes: 32)));

        Assert.Equal("input.too_large", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CompleteToolJob_marks_a_running_job_succeeded()
    {
        var jobId = await Running();

        var result = await _journal.Send(new CompleteToolJobRequest(jobId, 0));

        Assert.Equal((3L, 1), (result.Position, result.EventsWritten));
        var succeeded = Assert.IsType<ToolJobSucceeded>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
        Assert.Equal(0, succeeded.ExitCode);
        Assert.Equal(ToolJobStatus.Succeeded, (await StateOf(jobId)).Status);
    }

    [Fact]
    public async Task CompleteToolJob_refuses_a_job_that_never_started_and_writes_nothing()
    {
        var jobId = await Queued();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CompleteToolJobRequest(jobId)));

        Assert.Equal("tooljob.invalid_transition", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task FailToolJob_records_the_reason_and_exit_code_of_a_running_job()
    {
        var jobId = await Running();

        var result = await _journal.Send(new FailToolJobRequest(jobId, "exit status 2", 2));

        Assert.Equal((3L, 1), (result.Position, result.EventsWritten));
        var failed = Assert.IsType<ToolJobFailed>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
        Assert.Equal(("exit status 2", 2, false), (failed.Reason, failed.ExitCode, failed.Interrupted));
    }

    [Fact]
    public async Task FailToolJob_refuses_a_blank_reason_and_writes_nothing()
    {
        var jobId = await Running();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new FailToolJobRequest(jobId, "  ")));

        Assert.Equal("Reason", error.Field);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CancelToolJob_cancels_a_queued_job()
    {
        var jobId = await Queued();

        var result = await _journal.Send(new CancelToolJobRequest(jobId, "user pressed stop"));

        Assert.Equal((2L, 1), (result.Position, result.EventsWritten));
        var cancelled = Assert.IsType<ToolJobCancelled>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
        Assert.Equal("user pressed stop", cancelled.Reason);
    }

    [Fact]
    public async Task CancelToolJob_refuses_a_job_that_succeeded_and_writes_nothing()
    {
        var jobId = await Running();
        await _journal.Send(new CompleteToolJobRequest(jobId));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new CancelToolJobRequest(jobId)));

        Assert.Equal("tooljob.invalid_transition", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task TimeOutToolJob_marks_a_running_job_timed_out()
    {
        var jobId = await Running();

        var result = await _journal.Send(new TimeOutToolJobRequest(jobId));

        Assert.Equal((3L, 1), (result.Position, result.EventsWritten));
        Assert.IsType<ToolJobTimedOut>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
        Assert.Equal(ToolJobStatus.TimedOut, (await StateOf(jobId)).Status);
    }

    [Fact]
    public async Task TimeOutToolJob_refuses_a_job_that_is_not_running_and_writes_nothing()
    {
        var jobId = await Queued();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new TimeOutToolJobRequest(jobId)));

        Assert.Equal("tooljob.invalid_transition", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RetryToolJob_queues_a_failed_job_again_as_the_next_attempt_with_an_empty_tail()
    {
        var jobId = await Running();
        await _journal.Send(new AppendToolJobOutputRequest(jobId, ToolOutputStream.Stderr, "boom"));
        await _journal.Send(new FailToolJobRequest(jobId, "crashed"));

        var result = await _journal.Send(new RetryToolJobRequest(jobId, "retry-1"));

        Assert.Equal((5L, 1), (result.Position, result.EventsWritten));
        var retried = Assert.IsType<ToolJobRetried>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
        Assert.Equal(("retry-1", 2), (retried.IdempotencyKey, retried.Attempt));
        var state = await StateOf(jobId);
        Assert.Equal((ToolJobStatus.Queued, 2), (state.Status, state.Attempt));
        Assert.Empty(state.Tail);
        await _journal.Send(new StartToolJobRequest(jobId));
        Assert.Equal(2, Assert.IsType<ToolJobStarted>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]).Attempt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task RetryToolJob_refuses_a_request_without_an_idempotency_key_and_writes_nothing(string? key)
    {
        var jobId = await Running();
        await _journal.Send(new FailToolJobRequest(jobId, "crashed"));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new RetryToolJobRequest(jobId, key)));

        Assert.Equal("IdempotencyKey", error.Field);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RetryToolJob_refuses_a_missing_key_even_for_an_unknown_job()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new RetryToolJobRequest(Guid.NewGuid(), null)));

        Assert.Equal("IdempotencyKey", error.Field);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RetryToolJob_with_the_same_key_twice_appends_once_even_after_the_job_failed_again()
    {
        var jobId = await Running();
        await _journal.Send(new FailToolJobRequest(jobId, "crashed"));
        var first = await _journal.Send(new RetryToolJobRequest(jobId, "retry-once"));

        var again = await _journal.Send(new RetryToolJobRequest(jobId, "retry-once"));
        await _journal.Send(new StartToolJobRequest(jobId));
        await _journal.Send(new FailToolJobRequest(jobId, "crashed again"));
        var head = await _journal.HeadAsync();
        var late = await _journal.Send(new RetryToolJobRequest(jobId, "retry-once"));

        Assert.Equal(1, first.EventsWritten);
        Assert.Equal((0, first.Position), (again.EventsWritten, again.Position));
        Assert.Equal(0, late.EventsWritten);
        Assert.Equal(head, await _journal.HeadAsync());
        Assert.Single((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId))).OfType<ToolJobRetried>());
        Assert.Equal((ToolJobStatus.Failed, 2), ((await StateOf(jobId)).Status, (await StateOf(jobId)).Attempt));
    }

    [Fact]
    public async Task RetryToolJob_refuses_a_running_job_and_writes_nothing()
    {
        var jobId = await Running();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new RetryToolJobRequest(jobId, "too-soon")));

        Assert.Equal("tooljob.invalid_transition", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RecoverInterruptedToolJobs_fails_the_jobs_left_running_and_is_a_no_op_the_second_time()
    {
        var running = await Running();
        var runningAgain = await Running();
        await _journal.Send(new FailToolJobRequest(runningAgain, "first attempt failed"));
        await _journal.Send(new RetryToolJobRequest(runningAgain, "second-try"));
        await _journal.Send(new StartToolJobRequest(runningAgain));
        var queued = await Queued();
        var succeeded = await Running();
        await _journal.Send(new CompleteToolJobRequest(succeeded));
        var failed = await Running();
        await _journal.Send(new FailToolJobRequest(failed, "bad input"));
        var timedOut = await Running();
        await _journal.Send(new TimeOutToolJobRequest(timedOut));
        var cancelled = await Running();
        await _journal.Send(new CancelToolJobRequest(cancelled));
        var head = await _journal.HeadAsync();

        var result = await _journal.Send(new RecoverInterruptedToolJobsRequest());

        Assert.Equal(2, result.EventsWritten);
        Assert.Equal(head + 2, result.Position);
        Assert.Equal(head + 2, await _journal.HeadAsync());
        foreach (var jobId in new[] { running, runningAgain })
        {
            var interrupted = Assert.IsType<ToolJobFailed>((await _journal.EventsAsync(ToolJobDecider.StreamFor(jobId)))[^1]);
            Assert.True(interrupted.Interrupted);
            Assert.Equal(ToolJobLimits.InterruptedReason, interrupted.Reason);
        }

        Assert.Equal(ToolJobStatus.Queued, (await StateOf(queued)).Status);
        Assert.Equal(ToolJobStatus.Failed, (await StateOf(failed)).Status);
        Assert.Equal(ToolJobStatus.TimedOut, (await StateOf(timedOut)).Status);

        var second = await _journal.Send(new RecoverInterruptedToolJobsRequest());

        Assert.Equal(0, second.EventsWritten);
        Assert.Equal(head + 2, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RecoverInterruptedToolJobs_with_an_idempotency_key_recovers_every_job()
    {
        var one = await Running();
        var two = await Running();

        var result = await _journal.Send(new RecoverInterruptedToolJobsRequest { Context = new CommandContext(IdempotencyKey: "boot-1") });

        Assert.Equal(2, result.EventsWritten);
        Assert.Equal(await _journal.HeadAsync(), result.Position);
        Assert.Contains(result.Stream, new[] { ToolJobDecider.StreamFor(one).Value, ToolJobDecider.StreamFor(two).Value });
        Assert.Equal(ToolJobStatus.Failed, (await StateOf(one)).Status);
        Assert.Equal(ToolJobStatus.Failed, (await StateOf(two)).Status);
    }

    [Fact]
    public async Task RecoverInterruptedToolJobs_writes_nothing_on_an_empty_tape()
    {
        var result = await _journal.Send(new RecoverInterruptedToolJobsRequest());

        Assert.Equal((0, 0L), (result.EventsWritten, result.Position));
        Assert.Equal(0, await _journal.HeadAsync());
    }

    private async Task<Guid> Queued()
    {
        var jobId = Guid.NewGuid();
        await _journal.Send(new QueueToolJobRequest(jobId, Guid.NewGuid(), "shell.exec"));
        return jobId;
    }

    private async Task<Guid> Running()
    {
        var jobId = await Queued();
        await _journal.Send(new StartToolJobRequest(jobId));
        return jobId;
    }

    private async Task<ToolJobState> StateOf(Guid jobId) =>
        (await _journal.Get<IAggregateStore>().LoadAsync(ToolJobDecider.Value, ToolJobDecider.StreamFor(jobId), default)).State;
}
