using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// The commands that may end a run: decide on the run, and when a foreground run reaches a terminal
/// status, free its session's foreground slot in the same append, so the slot is never held by a
/// finished run nor freed while the run still goes on.
/// </summary>
internal static class RunEnding
{
    /// <summary>Runs <paramref name="command"/> on its run in one store call, with the session's detach when due.</summary>
    public static Task<CommandResult> ExecuteAsync(IAggregateStore aggregates, ICommand request, RunCommand command, CancellationToken ct) =>
        aggregates.ExecuteAsync(request, RunDecider.Value.Stream(command), (load, token) => DecideAsync(load, command, detachOnlyWhenAttached: false, token), ct);

    /// <summary>
    /// The run's change and, for a foreground run that <paramref name="command"/> ends, its session's
    /// detach (the detach's time is the command's). None when the command changes nothing. With
    /// <paramref name="detachOnlyWhenAttached"/>, a session whose slot holds another run (or none) is
    /// left alone instead of refusing: crash recovery must never get stuck on one odd stream.
    /// </summary>
    public static async Task<IReadOnlyList<AggregateChange>> DecideAsync(IAggregateLoader load, RunCommand command, bool detachOnlyWhenAttached, CancellationToken ct)
    {
        var run = await load.DecideAsync(RunDecider.Value, command, ct);
        if (run?.NewState is not RunState { Kind: RunKind.Foreground } ended || RunTransitions.IsActive(ended.Status))
        {
            return DeciderLoading.Changes(run);
        }

        if (detachOnlyWhenAttached && (await LiveSession.LoadAsync(load, ended.SessionId, ct)).State.ForegroundRunId != ended.RunId)
        {
            return DeciderLoading.Changes(run);
        }

        var detached = await load.DecideAsync(SessionDecider.Value, new DetachForegroundRun(ended.SessionId, ended.RunId, command.At), ct);
        return DeciderLoading.Changes(run, detached);
    }
}
