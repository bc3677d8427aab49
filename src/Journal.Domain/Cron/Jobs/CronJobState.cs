namespace Journal.Domain.Cron.Jobs;

/// <summary>A run that was started and has not finished.</summary>
/// <param name="Tick">The tick it runs for.</param>
/// <param name="Attempt">Its attempt number.</param>
/// <param name="Ticks">How many ticks it stands for.</param>
/// <param name="StartedAt">When it was claimed.</param>
/// <param name="TimeoutAt">When it is failed as stale.</param>
public sealed record ActiveCronRun(Guid RunId, DateTimeOffset Tick, int Attempt, int Ticks, DateTimeOffset StartedAt, DateTimeOffset TimeoutAt);

/// <summary>A tick waiting to be tried again.</summary>
/// <param name="Ticks">How many ticks it stands for.</param>
/// <param name="Attempt">The next attempt's number.</param>
/// <param name="RetryAt">When it may start.</param>
public sealed record PendingRetry(DateTimeOffset Tick, int Ticks, int Attempt, DateTimeOffset RetryAt);

/// <summary>Why a job is in review.</summary>
/// <param name="FirstMissed">The first missed tick.</param>
/// <param name="LastMissed">The last missed tick when the review began.</param>
/// <param name="Missed">How many ticks were missed then.</param>
/// <param name="Since">When the review began.</param>
public sealed record CronReview(DateTimeOffset FirstMissed, DateTimeOffset LastMissed, int Missed, DateTimeOffset Since);

/// <summary>What the cron job decider knows about one job and its runs.</summary>
/// <param name="Exists">Whether the job was created.</param>
/// <param name="Deleted">Whether it was deleted.</param>
/// <param name="Definition">Its definition (null before it exists).</param>
/// <param name="Paused">Paused by an operator: nothing new starts.</param>
/// <param name="Disabled">Disabled by itself (schedule ended, max runs): no new ticks.</param>
/// <param name="NextDueAt">The next tick, before jitter; null when there is none.</param>
/// <param name="Active">The run in progress, if any.</param>
/// <param name="Retry">The tick waiting for its next attempt, if any.</param>
/// <param name="Queued">The tick waiting for the active run to end (QueueOne), if any.</param>
/// <param name="Backlog">Catch-up runs waiting their turn, oldest first.</param>
/// <param name="Review">Set while the job waits for an operator after a long outage.</param>
/// <param name="RunsStarted">Ticks started under the current definition (retries not counted).</param>
/// <param name="CreatedAt">When the job was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Manual">A "run now" request waiting to start, if any.</param>
public sealed record CronJobState(
    bool Exists,
    bool Deleted,
    Guid JobId,
    CronJobDefinition? Definition,
    bool Paused,
    bool Disabled,
    DateTimeOffset? NextDueAt,
    ActiveCronRun? Active,
    PendingRetry? Retry,
    DateTimeOffset? Queued,
    IReadOnlyList<PlannedRun> Backlog,
    CronReview? Review,
    int RunsStarted,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ManualCronRun? Manual = null)
{
    /// <summary>Whether new ticks run: not paused, not disabled, not deleted, not in review.</summary>
    public bool Enabled => Exists && !Deleted && !Paused && !Disabled && Review is null;

    /// <summary>When the next tick fires: <see cref="NextDueAt"/> plus the job's jitter for it; null when no tick is ahead.</summary>
    public DateTimeOffset? NextFireAt =>
        Disabled || NextDueAt is not { } due || Definition is null ? null : due + CronJitter.Of(JobId, due, Definition.JitterSeconds);

    /// <summary>
    /// When the scheduler must next look at the job: the active run's deadline, a due retry, a "run now"
    /// request, a queued or catch-up run (due at once, so its request time or tick), the next fire time;
    /// null when nothing will ever be due.
    /// </summary>
    public DateTimeOffset? WakeAt
    {
        get
        {
            if (!Exists || Deleted)
            {
                return null;
            }

            DateTimeOffset? wake = Active?.TimeoutAt;
            if (Paused || Review is not null)
            {
                return wake;
            }

            if (Active is null)
            {
                wake = Min(wake, Retry?.RetryAt);
                wake = Min(wake, Manual?.RequestedAt);
                wake = Min(wake, Backlog.Count > 0 ? Backlog[0].Tick : null);
                wake = Min(wake, Queued);
            }

            return Min(wake, NextFireAt);
        }
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
