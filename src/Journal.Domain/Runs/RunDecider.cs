using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Domain.Runs;

/// <summary>
/// Decides the commands of one run. Stream: <c>run-{runId}</c>. Status moves follow
/// <see cref="RunTransitions"/>; the one-foreground-run rule lives in the session's stream.
/// </summary>
public static class RunDecider
{
    /// <summary>The stream of one aggregate: <c>run-{runId}</c>.</summary>
    public static StreamId StreamFor(Guid runId) =>
        StreamId.For("run", runId.ToString("D", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static RunState Initial { get; } = new(false, Guid.Empty, Guid.Empty, RunKind.Foreground, RunStatus.Accepted, false, 0, 0);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<RunCommand, RunState, IRunEvent> Value { get; } = new(c => StreamFor(c.RunId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <returns>The events to append; empty when the command changes nothing.</returns>
    /// <exception cref="ValidationException">A field is invalid.</exception>
    /// <exception cref="NotFoundException">The run does not exist (code <c>run.not_found</c>).</exception>
    /// <exception cref="RuleViolationException">
    /// <c>run.already_exists</c>, <c>run.invalid_transition</c>, <c>run.cancel_requested</c>, <c>run.finished</c>.
    /// </exception>
    public static IReadOnlyList<IRunEvent> Decide(RunCommand command, RunState state) => command switch
    {
        AcceptRun c => Accept(c, state),
        StartRun c => Move(Existing(state, c.RunId), RunStatus.InProgress, s => new RunStarted(s.RunId, s.SessionId, c.At)),
        CompleteRun c => Complete(c, Existing(state, c.RunId)),
        FailRun c => Fail(c, Existing(state, c.RunId)),
        CancelRun c => Cancel(c, Existing(state, c.RunId)),
        RequestRunCancel c => RequestCancel(c, Existing(state, c.RunId)),
        RecordRunTokenUsage c => RecordTokens(c, Existing(state, c.RunId)),
        FailOrphanedRun c => FailOrphaned(c, Existing(state, c.RunId)),
        _ => throw new ArgumentException($"unknown run command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static RunState Evolve(RunState state, IRunEvent @event) => @event switch
    {
        RunAccepted e => new RunState(true, e.RunId, e.SessionId, e.Kind, RunStatus.Accepted, false, 0, 0),
        RunStarted => state with { Status = RunStatus.InProgress },
        RunCancelRequested => state with { CancelRequested = true },
        RunTokensRecorded e => state with { InputTokens = state.InputTokens + e.InputTokens, OutputTokens = state.OutputTokens + e.OutputTokens },
        RunSucceeded => state with { Status = RunStatus.Succeeded },
        RunFailed => state with { Status = RunStatus.Failed },
        RunCancelled => state with { Status = RunStatus.Cancelled },
        _ => state,
    };

    private static IRunEvent[] Accept(AcceptRun c, RunState state)
    {
        Require.Id(c.RunId, nameof(c.RunId));
        Require.Id(c.SessionId, nameof(c.SessionId));
        if (!Enum.IsDefined(c.Kind))
        {
            throw new ValidationException(nameof(c.Kind), "is not a known run kind");
        }

        if (c.Kind == RunKind.Delegated && c.ParentRunId is null)
        {
            throw new ValidationException(nameof(c.ParentRunId), "is required for a delegated run");
        }

        if (c.Kind != RunKind.Delegated && c.ParentRunId is not null)
        {
            throw new ValidationException(nameof(c.ParentRunId), "is only for a delegated run");
        }

        if (c.ParentRunId is { } parent && (parent == Guid.Empty || parent == c.RunId))
        {
            throw new ValidationException(nameof(c.ParentRunId), "must name another run");
        }

        if (state.Exists)
        {
            throw Refuse.Rule("run.already_exists", $"run {c.RunId} exists already");
        }

        return [new RunAccepted(c.RunId, c.SessionId, c.Kind, c.ParentRunId, c.At)];
    }

    private static IRunEvent[] Complete(CompleteRun c, RunState state)
    {
        var summary = Require.OptionalText(c.Summary, nameof(c.Summary), RunLimits.ReasonMaxLength);
        return Move(state, RunStatus.Succeeded, s => s.CancelRequested
            ? throw Refuse.Rule("run.cancel_requested", $"run {s.RunId} was asked to cancel; it can only be cancelled or fail")
            : new RunSucceeded(s.RunId, s.SessionId, summary, c.At));
    }

    private static IRunEvent[] Fail(FailRun c, RunState state)
    {
        var reason = Require.Text(c.Reason, nameof(c.Reason), RunLimits.ReasonMaxLength);
        return Move(state, RunStatus.Failed, s => new RunFailed(s.RunId, s.SessionId, reason, false, c.At));
    }

    private static IRunEvent[] Cancel(CancelRun c, RunState state)
    {
        var reason = Require.OptionalText(c.Reason, nameof(c.Reason), RunLimits.ReasonMaxLength);
        return Move(state, RunStatus.Cancelled, s => new RunCancelled(s.RunId, s.SessionId, reason, c.At));
    }

    private static IRunEvent[] RequestCancel(RequestRunCancel c, RunState state)
    {
        var by = Require.OptionalText(c.RequestedBy, nameof(c.RequestedBy), RunLimits.ActorMaxLength);
        Active(state);
        return state.CancelRequested ? [] : [new RunCancelRequested(state.RunId, state.SessionId, by, c.At)];
    }

    private static IRunEvent[] RecordTokens(RecordRunTokenUsage c, RunState state)
    {
        Require.NonNegative(c.InputTokens, nameof(c.InputTokens));
        Require.NonNegative(c.OutputTokens, nameof(c.OutputTokens));
        Active(state);
        return c.InputTokens == 0 && c.OutputTokens == 0
            ? []
            : [new RunTokensRecorded(state.RunId, state.SessionId, c.InputTokens, c.OutputTokens, c.At)];
    }

    private static IRunEvent[] FailOrphaned(FailOrphanedRun c, RunState state)
    {
        var reason = Require.Text(c.Reason, nameof(c.Reason), RunLimits.ReasonMaxLength);
        return RunTransitions.IsActive(state.Status)
            ? [new RunFailed(state.RunId, state.SessionId, reason, true, c.At)]
            : [];
    }

    private static IRunEvent[] Move(RunState state, RunStatus to, Func<RunState, IRunEvent> happened)
    {
        if (!RunTransitions.IsAllowed(state.Status, to))
        {
            throw Refuse.Rule("run.invalid_transition", $"run {state.RunId} cannot move from {state.Status} to {to}");
        }

        return [happened(state)];
    }

    private static void Active(RunState state)
    {
        if (!RunTransitions.IsActive(state.Status))
        {
            throw Refuse.Rule("run.finished", $"run {state.RunId} has finished ({state.Status})");
        }
    }

    private static RunState Existing(RunState state, Guid runId) =>
        state.Exists ? state : throw Refuse.NotFound("run", runId);
}
