namespace Journal.Domain.ToolJobs;

/// <summary>The explicit table of allowed tool job status moves; every pair not listed is refused.</summary>
public static class ToolJobTransitions
{
    /// <summary>Whether a job may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(ToolJobStatus from, ToolJobStatus to) => (from, to) switch
    {
        (ToolJobStatus.Queued, ToolJobStatus.Running) => true,
        (ToolJobStatus.Queued, ToolJobStatus.Cancelled) => true,
        (ToolJobStatus.Running, ToolJobStatus.Succeeded) => true,
        (ToolJobStatus.Running, ToolJobStatus.Failed) => true,
        (ToolJobStatus.Running, ToolJobStatus.Cancelled) => true,
        (ToolJobStatus.Running, ToolJobStatus.TimedOut) => true,
        (ToolJobStatus.Failed, ToolJobStatus.Queued) => true,
        (ToolJobStatus.TimedOut, ToolJobStatus.Queued) => true,
        _ => false,
    };
}
