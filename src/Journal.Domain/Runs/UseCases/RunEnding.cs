using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Sessions.UseCases;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// The common shape of the commands that may end a run: decide on the run, and when a foreground run
/// reaches a terminal status, free its session's foreground slot in the same append, so the slot is
/// never held by a finished run nor freed while the run still goes on.
/// </summary>
internal static class RunEnding
{
    /// <summary>Loads the run, decides, and saves the run's events with the session's detach when due.</summary>
    public static async Task<CommandResult> ExecuteAsync(
        IAggregateStore aggregates,
        ICommand command,
        Guid runId,
        Func<RunState, IReadOnlyList<IRunEvent>> decide,
        DateTimeOffset at,
        CancellationToken ct)
    {
        var stream = RunDecider.StreamFor(runId);
        var run = await aggregates.LoadAsync<RunState, IRunEvent>(stream, RunDecider.Initial, RunDecider.Evolve, ct);
        var events = decide(run.State);
        if (events.Count == 0)
        {
            return new CommandResult(stream.Value, run.Version, run.Position, 0);
        }

        var changes = await ChangesAsync(aggregates, run, events, at, detachOnlyWhenAttached: false, ct);
        return await aggregates.SaveAsync(changes, command, ct);
    }

    /// <summary>
    /// The run's change and, for a foreground run that the events end, its session's detach.
    /// With <paramref name="detachOnlyWhenAttached"/>, a session whose slot holds another run (or none)
    /// is left alone instead of refusing: crash recovery must never get stuck on one odd stream.
    /// </summary>
    public static async Task<List<AggregateChange>> ChangesAsync(
        IAggregateStore aggregates,
        Loaded<RunState> run,
        IReadOnlyList<IRunEvent> events,
        DateTimeOffset at,
        bool detachOnlyWhenAttached,
        CancellationToken ct)
    {
        var state = Fold.All(run.State, events, RunDecider.Evolve);
        var changes = new List<AggregateChange> { new(RunDecider.StreamFor(state.RunId), run.Version, [.. events], state) };
        if (state.Kind != RunKind.Foreground || RunTransitions.IsActive(state.Status))
        {
            return changes;
        }

        if (detachOnlyWhenAttached)
        {
            var session = await LiveSession.LoadAsync(aggregates, state.SessionId, ct);
            if (session.State.ForegroundRunId != state.RunId)
            {
                return changes;
            }
        }

        changes.Add(await LiveSession.DetachAsync(aggregates, state.SessionId, state.RunId, at, ct));
        return changes;
    }
}
