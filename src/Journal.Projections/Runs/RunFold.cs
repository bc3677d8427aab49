using Journal.Domain.Runs;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;

namespace Journal.Projections.Runs;

/// <summary>
/// The one pure fold of a <see cref="RunView"/>, used by <c>runs.v2</c> and by time travel
/// (<see cref="GetRunAtQuery"/>). Every field comes from the run's own stream, so time travel is exact;
/// every event moves <see cref="RunView.StreamVersion"/> to its version, so the stored view always names
/// the stream version it reflects (the one <c>If-Match</c> is checked against).
/// </summary>
public static class RunFold
{
    /// <summary>The events that change a run view, each routed to its run: the one declaration of what the fold handles.</summary>
    public static EventRoutes<Guid> Routes { get; } = new EventRoutes<Guid>()
        .On<RunAccepted>(e => e.RunId)
        .On<RunStarted>(e => e.RunId)
        .On<RunCancelRequested>(e => e.RunId)
        .On<RunTokensRecorded>(e => e.RunId)
        .On<RunSucceeded>(e => e.RunId)
        .On<RunFailed>(e => e.RunId)
        .On<RunCancelled>(e => e.RunId);

    /// <summary>
    /// Applies one tape event; returns <paramref name="view"/> itself when nothing changes (an erased payload,
    /// an event the fold does not route, no run yet).
    /// </summary>
    public static RunView? Evolve(RunView? view, ProjectedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.Payload is not { } @event || !Routes.TryRoute(@event, out _))
        {
            return view;
        }

        var position = recorded.Seq;
        var next = (view, @event) switch
        {
            (null, RunAccepted e) => new RunView(
                e.RunId, e.SessionId, e.Kind, e.ParentRunId, RunStatus.Accepted, false, 0, 0,
                ReadModelValues.Truncate(e.At), null, null, null, false, position, 0, position),
            (null, _) => null,
            ({ } v, RunStarted e) => v with { Status = RunStatus.InProgress, StartedAt = ReadModelValues.Truncate(e.At) },
            ({ } v, RunCancelRequested) => v with { CancelRequested = true },
            ({ } v, RunTokensRecorded e) => v with { InputTokens = v.InputTokens + e.InputTokens, OutputTokens = v.OutputTokens + e.OutputTokens },
            ({ } v, RunSucceeded e) => v with { Status = RunStatus.Succeeded, EndedAt = ReadModelValues.Truncate(e.At) },
            ({ } v, RunFailed e) => v with { Status = RunStatus.Failed, EndedAt = ReadModelValues.Truncate(e.At), FailureReason = e.Reason, Orphaned = e.Orphaned },
            ({ } v, RunCancelled e) => v with { Status = RunStatus.Cancelled, EndedAt = ReadModelValues.Truncate(e.At) },
            _ => view,
        };
        return next is null ? view : next with { StreamVersion = recorded.Event.StreamVersion, LastPosition = position };
    }
}
