using System.Collections.Immutable;
using System.Text;
using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using Journal.Domain.Errors;

namespace Journal.Domain.ToolJobs;

/// <summary>
/// Decides the commands of one tool job. Stream: <c>tooljob-{jobId}</c>. Status moves follow
/// <see cref="ToolJobTransitions"/>.
/// </summary>
public static class ToolJobDecider
{
    /// <summary>The stream of one aggregate: <c>tooljob-{jobId}</c>.</summary>
    public static StreamId StreamFor(Guid jobId) =>
        StreamId.For("tooljob", jobId.ToString("D", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static ToolJobState Initial { get; } = new(
        false, Guid.Empty, Guid.Empty, string.Empty, ToolJobStatus.Queued, 0, 0, [], 0, ImmutableHashSet.Create<string>(StringComparer.Ordinal));

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<ToolJobCommand, ToolJobState, IToolJobEvent> Value { get; } = new(c => StreamFor(c.JobId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <returns>The events to append; empty when the command changes nothing.</returns>
    /// <exception cref="ValidationException">A field is invalid (including a retry without idempotency key).</exception>
    /// <exception cref="TooLargeException">An output chunk is larger than the tail limit.</exception>
    /// <exception cref="NotFoundException">The job does not exist (code <c>tooljob.not_found</c>).</exception>
    /// <exception cref="RuleViolationException"><c>tooljob.already_exists</c>, <c>tooljob.invalid_transition</c>, <c>tooljob.not_running</c>.</exception>
    public static IReadOnlyList<IToolJobEvent> Decide(ToolJobCommand command, ToolJobState state) => command switch
    {
        QueueToolJob c => Queue(c, state),
        StartToolJob c => Move(Existing(state, c.JobId), ToolJobStatus.Running, s => new ToolJobStarted(s.JobId, s.Attempt, c.At)),
        AppendToolJobOutput c => Output(c, Existing(state, c.JobId)),
        CompleteToolJob c => Move(Existing(state, c.JobId), ToolJobStatus.Succeeded, s => new ToolJobSucceeded(s.JobId, c.ExitCode, c.At)),
        FailToolJob c => Fail(c, Existing(state, c.JobId)),
        CancelToolJob c => Cancel(c, Existing(state, c.JobId)),
        TimeOutToolJob c => Move(Existing(state, c.JobId), ToolJobStatus.TimedOut, s => new ToolJobTimedOut(s.JobId, c.At)),
        RetryToolJob c => Retry(c, Existing(state, c.JobId)),
        RecoverInterruptedToolJob c => Existing(state, c.JobId).Status == ToolJobStatus.Running
            ? [new ToolJobFailed(state.JobId, ToolJobLimits.InterruptedReason, null, true, c.At)]
            : [],
        _ => throw new ArgumentException($"unknown tool job command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static ToolJobState Evolve(ToolJobState state, IToolJobEvent @event) => @event switch
    {
        ToolJobQueued e => Initial with { Exists = true, JobId = e.JobId, SessionId = e.SessionId, ToolName = e.ToolName, Attempt = 1 },
        ToolJobStarted => state with { Status = ToolJobStatus.Running },
        ToolJobOutputAppended e => AddToTail(state, e),
        ToolJobSucceeded => state with { Status = ToolJobStatus.Succeeded },
        ToolJobFailed => state with { Status = ToolJobStatus.Failed },
        ToolJobCancelled => state with { Status = ToolJobStatus.Cancelled },
        ToolJobTimedOut => state with { Status = ToolJobStatus.TimedOut },
        ToolJobRetried e => state with
        {
            Status = ToolJobStatus.Queued,
            Attempt = e.Attempt,
            Tail = [],
            TailBytes = 0,
            RetryKeys = state.RetryKeys.Add(e.IdempotencyKey),
        },
        _ => state,
    };

    private static ToolJobState AddToTail(ToolJobState state, ToolJobOutputAppended e)
    {
        var tail = state.Tail.Add(new ToolOutputChunk(e.Index, e.Stream, e.Text, e.ByteCount));
        var bytes = state.TailBytes + e.ByteCount;
        while (bytes > e.TailLimitBytes && tail.Count > 1)
        {
            bytes -= tail[0].ByteCount;
            tail = tail.RemoveAt(0);
        }

        return state with { NextChunkIndex = e.Index + 1, Tail = tail, TailBytes = bytes };
    }

    private static IToolJobEvent[] Queue(QueueToolJob c, ToolJobState state)
    {
        Require.Id(c.JobId, nameof(c.JobId));
        Require.Id(c.SessionId, nameof(c.SessionId));
        if (c.RunId == Guid.Empty)
        {
            throw new ValidationException(nameof(c.RunId), "must not be the empty id");
        }

        var tool = Require.Key(c.ToolName, nameof(c.ToolName), ToolJobLimits.ToolNameMaxLength);
        if (c.Arguments is { Length: > ToolJobLimits.ArgumentsMaxLength })
        {
            throw new ValidationException(nameof(c.Arguments), $"must be at most {ToolJobLimits.ArgumentsMaxLength} characters");
        }

        if (state.Exists)
        {
            throw Refuse.Rule("tooljob.already_exists", $"tool job {c.JobId} exists already");
        }

        return [new ToolJobQueued(c.JobId, c.SessionId, c.RunId, tool, c.Arguments, c.At)];
    }

    private static IToolJobEvent[] Output(AppendToolJobOutput c, ToolJobState state)
    {
        if (c.MaxTailBytes is < 1 or > ToolJobLimits.MaxTailBytes)
        {
            throw new ValidationException(nameof(c.MaxTailBytes), $"must be between 1 and {ToolJobLimits.MaxTailBytes}");
        }

        if (!Enum.IsDefined(c.Stream))
        {
            throw new ValidationException(nameof(c.Stream), "is not a known output stream");
        }

        if (string.IsNullOrEmpty(c.Text))
        {
            throw new ValidationException(nameof(c.Text), "must not be empty");
        }

        var bytes = Encoding.UTF8.GetByteCount(c.Text);
        if (bytes > c.MaxTailBytes)
        {
            // A chunk larger than the whole tail would make the tail unbounded; the producer splits it.
            throw new TooLargeException("output chunk", bytes, c.MaxTailBytes);
        }

        if (state.Status != ToolJobStatus.Running)
        {
            throw Refuse.Rule("tooljob.not_running", $"tool job {state.JobId} is {state.Status}, not running");
        }

        return [new ToolJobOutputAppended(state.JobId, state.NextChunkIndex, c.Stream, c.Text, bytes, Sha256Hex.Of(c.Text), c.MaxTailBytes, c.At)];
    }

    private static IToolJobEvent[] Fail(FailToolJob c, ToolJobState state)
    {
        var reason = Require.Text(c.Reason, nameof(c.Reason), ToolJobLimits.ReasonMaxLength);
        return Move(state, ToolJobStatus.Failed, s => new ToolJobFailed(s.JobId, reason, c.ExitCode, false, c.At));
    }

    private static IToolJobEvent[] Cancel(CancelToolJob c, ToolJobState state)
    {
        var reason = Require.OptionalText(c.Reason, nameof(c.Reason), ToolJobLimits.ReasonMaxLength);
        return Move(state, ToolJobStatus.Cancelled, s => new ToolJobCancelled(s.JobId, reason, c.At));
    }

    private static IToolJobEvent[] Retry(RetryToolJob c, ToolJobState state)
    {
        if (string.IsNullOrEmpty(c.IdempotencyKey))
        {
            throw new ValidationException(nameof(c.IdempotencyKey), "is required to retry a job");
        }

        var key = Require.Key(c.IdempotencyKey, nameof(c.IdempotencyKey), ToolJobLimits.IdempotencyKeyMaxLength);
        if (state.RetryKeys.Contains(key))
        {
            return [];
        }

        return Move(state, ToolJobStatus.Queued, s => new ToolJobRetried(s.JobId, key, s.Attempt + 1, c.At));
    }

    private static IToolJobEvent[] Move(ToolJobState state, ToolJobStatus to, Func<ToolJobState, IToolJobEvent> happened)
    {
        if (!ToolJobTransitions.IsAllowed(state.Status, to))
        {
            throw Refuse.Rule("tooljob.invalid_transition", $"tool job {state.JobId} cannot move from {state.Status} to {to}");
        }

        return [happened(state)];
    }

    private static ToolJobState Existing(ToolJobState state, Guid jobId) =>
        state.Exists ? state : throw Refuse.NotFound("tooljob", jobId);
}
