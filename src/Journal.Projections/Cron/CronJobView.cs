using Journal.Domain.Cron.Jobs;

namespace Journal.Projections.Cron;

/// <summary>One job as the <c>cron.v1</c> read model keeps it.</summary>
/// <param name="Definition">What it is (payload as stored: redacted).</param>
/// <param name="Enabled">Whether new ticks run (not paused, disabled or in review).</param>
/// <param name="Paused">Paused by an operator.</param>
/// <param name="Disabled">Disabled by itself (schedule ended or max runs).</param>
/// <param name="InReview">Waiting for an operator after a long outage.</param>
/// <param name="Review">Why it is in review.</param>
/// <param name="NextDueAt">Its next tick, before jitter.</param>
/// <param name="NextRunAt">When its next tick fires (with jitter).</param>
/// <param name="ActiveRun">The run in progress, if any.</param>
/// <param name="Retry">A tick waiting for its next attempt, if any.</param>
/// <param name="QueuedTick">The pending tick (QueueOne), if any.</param>
/// <param name="Backlog">Catch-up runs waiting.</param>
/// <param name="RunsStarted">Ticks started under the current definition.</param>
/// <param name="WakeAt">When the scheduler next looks at it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="StreamVersion">The job stream's version this row reflects.</param>
/// <param name="LastPosition">The tape position of the last event this row reflects.</param>
/// <param name="RunRequested">A "run now" waiting to start (under QueueOne, for the active run to end), if any.</param>
public sealed record CronJobView(
    Guid JobId,
    CronJobDefinition Definition,
    bool Enabled,
    bool Paused,
    bool Disabled,
    bool InReview,
    CronReview? Review,
    DateTimeOffset? NextDueAt,
    DateTimeOffset? NextRunAt,
    ActiveCronRun? ActiveRun,
    PendingRetry? Retry,
    DateTimeOffset? QueuedTick,
    IReadOnlyList<PlannedRun> Backlog,
    int RunsStarted,
    DateTimeOffset? WakeAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long StreamVersion,
    long LastPosition,
    ManualCronRun? RunRequested = null)
{
    /// <summary>The view of a job's state.</summary>
    public static CronJobView From(CronJobState s, long streamVersion, long lastPosition)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.JobId, s.Definition!, s.Enabled, s.Paused, s.Disabled, s.Review is not null, s.Review, s.NextDueAt, s.NextFireAt, s.Active, s.Retry, s.Queued,
            s.Backlog, s.RunsStarted, s.WakeAt, s.CreatedAt, s.UpdatedAt, streamVersion, lastPosition, s.Manual);
    }
}
