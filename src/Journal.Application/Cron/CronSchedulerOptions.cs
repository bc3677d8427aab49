using Journal.Projections.Cron;
namespace Journal.Application.Cron;

/// <summary>Settings of the cron scheduler.</summary>
public sealed class CronSchedulerOptions
{
    /// <summary>Whether the hosted scheduler runs (tests and tools that drive <see cref="CronScheduler.RunDueAsync"/> themselves turn it off).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Longest sleep when nothing is due sooner: a safety net only, since the scheduler also wakes on every
    /// committed append (a job created or changed, a run finished).
    /// </summary>
    public TimeSpan MaxSleep { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Pause after a pass that found due jobs but wrote nothing, so a disagreement never spins.</summary>
    public TimeSpan IdlePause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most jobs handled per pass.</summary>
    public int BatchSize { get; init; } = 200;
}
