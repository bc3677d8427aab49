using Journal.Domain.Cron.Jobs;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Cron;

/// <summary>
/// <c>cron.v1</c>: one row per job (<c>cron_v1_jobs</c>: the decider's state folded with the decider's own
/// <see cref="CronJobDecider.Evolve"/>, and the columns the scheduler and the listings filter on: next run,
/// wake time, active run) and one row per run record (<c>cron_v1_runs</c>). A job's state as last written
/// is kept in a cache and its row written once per batch.
/// </summary>
public sealed class CronProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "cron.v1";

    private const string CacheName = "cron_v1_jobs";

    /// <summary>Sort key of jobs with no next run: after every real time.</summary>
    private const long NoNextRun = long.MaxValue;

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "cron.job_created.v1", "cron.job_updated.v1", "cron.job_paused.v1", "cron.job_resumed.v1", "cron.job_deleted.v1",
        "cron.job_disabled.v1", "cron.job_review_required.v1", "cron.job_review_decided.v1", "cron.catch_up_planned.v1",
        "cron.run_started.v1", "cron.run_succeeded.v1", "cron.run_failed.v1", "cron.run_stale_failed.v1", "cron.run_cancelled.v1",
        "cron.run_skipped.v1", "cron.run_denied.v1", "cron.run_queued.v1", "cron.run_retry_scheduled.v1", "cron.run_requested.v1",
    ];

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(CronSql.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        if (e.Payload is not ICronJobEvent @event)
        {
            return;
        }

        Record(db, e, @event);
        var cache = db.Cache<Guid, CronJobState>(CacheName);
        if (!cache.TryGet(@event.JobId, out var before))
        {
            before = db.Scalar<string>(CronSql.SelectJobState, ("$job_id", Id(@event.JobId))) is { } json ? CronStateJson.Read(json) : CronJobDecider.Initial;
        }

        var state = CronJobDecider.Evolve(before, @event);
        if (!state.Exists)
        {
            return;
        }

        db.Upsert(
            CronSql.UpsertJob,
            Id(state.JobId),
            [
                ("$job_id", Id(state.JobId)),
                ("$owner", state.Definition!.Owner),
                ("$enabled", state.Enabled),
                ("$deleted", state.Deleted),
                ("$in_review", state.Review is not null),
                ("$next_run_at", Ms(state.NextFireAt)),
                ("$sort_next", Ms(state.NextFireAt) ?? NoNextRun),
                ("$wake_at", Ms(state.WakeAt)),
                ("$active_run_id", Id(state.Active?.RunId)),
                ("$active_timeout_at", Ms(state.Active?.TimeoutAt)),
                ("$state_json", CronStateJson.Write(state)),
                ("$stream_version", e.Event.StreamVersion),
                ("$last_position", e.Seq),
            ]);
        cache.Set(state.JobId, state);
    }

    private static void Record(ReadModelWriter db, ProjectedEvent e, ICronJobEvent @event)
    {
        switch (@event)
        {
            case CronRunStarted x:
                Insert(db, e, x.JobId, x.RunId, x.Tick, x.Ticks, x.Attempt, x.Trigger, CronRunStatus.Active, null, x.At, x.TimeoutAt);
                break;
            case CronRunSkipped x:
                Insert(db, e, x.JobId, null, x.Tick, x.Ticks, null, null, CronRunStatus.Skipped, x.Reason, null, null);
                break;
            case CronRunDenied x:
                Insert(db, e, x.JobId, null, x.Tick, x.Ticks, null, null, CronRunStatus.Denied, x.Reason, null, null);
                break;
            case CronRunQueued x:
                Insert(db, e, x.JobId, null, x.Tick, 1, null, null, CronRunStatus.Queued, null, null, null);
                break;
            case CronRunSucceeded x:
                Finish(db, x.RunId, CronRunStatus.Succeeded, null, null, x.At);
                break;
            case CronRunFailed x:
                Finish(db, x.RunId, CronRunStatus.Failed, null, x.Error, x.At);
                break;
            case CronRunStaleFailed x:
                Finish(db, x.RunId, CronRunStatus.StaleFailed, "timeout", null, x.At);
                break;
            case CronRunCancelled x:
                Finish(db, x.RunId, CronRunStatus.Cancelled, x.Reason, null, x.At);
                break;
            case CronRunRetryScheduled x:
                db.Execute(CronSql.SetRunRetry, ("$run_id", Id(x.FailedRunId)), ("$retry_at", Ms(x.RetryAt)));
                break;
        }
    }

    private static void Insert(
        ReadModelWriter db, ProjectedEvent e, Guid jobId, Guid? runId, DateTimeOffset tick, int ticks, int? attempt, string? trigger, CronRunStatus status, string? reason,
        DateTimeOffset? startedAt, DateTimeOffset? timeoutAt) => db.Execute(
        CronSql.InsertRun,
        ("$record_seq", e.Seq),
        ("$run_id", Id(runId)),
        ("$job_id", Id(jobId)),
        ("$tick", Ms(tick)),
        ("$ticks", ticks),
        ("$attempt", attempt),
        ("$run_trigger", trigger),
        ("$status", status.ToString()),
        ("$reason", reason),
        ("$recorded_at", e.RecordedAt),
        ("$started_at", Ms(startedAt)),
        ("$timeout_at", Ms(timeoutAt)));

    private static void Finish(ReadModelWriter db, Guid runId, CronRunStatus status, string? reason, string? error, DateTimeOffset at) => db.Execute(
        CronSql.FinishRun,
        ("$run_id", Id(runId)),
        ("$status", status.ToString()),
        ("$reason", reason),
        ("$error", error),
        ("$finished_at", Ms(at)));
}
