namespace Journal.Domain.Runs;

/// <summary>The explicit table of allowed run status moves; every pair not listed is refused.</summary>
public static class RunTransitions
{
    /// <summary>Whether a run may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(RunStatus from, RunStatus to) => (from, to) switch
    {
        (RunStatus.Accepted, RunStatus.InProgress) => true,
        (RunStatus.Accepted, RunStatus.Failed) => true,
        (RunStatus.Accepted, RunStatus.Cancelled) => true,
        (RunStatus.InProgress, RunStatus.Succeeded) => true,
        (RunStatus.InProgress, RunStatus.Failed) => true,
        (RunStatus.InProgress, RunStatus.Cancelled) => true,
        _ => false,
    };

    /// <summary>Whether a run in <paramref name="status"/> is still active (not terminal).</summary>
    public static bool IsActive(RunStatus status) => status is RunStatus.Accepted or RunStatus.InProgress;
}
