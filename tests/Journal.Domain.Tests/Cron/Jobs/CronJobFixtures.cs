using Journal.Domain.Cron.Jobs;
using Journal.Domain.Tests.Deciding;

namespace Journal.Domain.Tests.Cron.Jobs;

/// Shared givens of the cron job specs: a job ticking every minute from 12:00, its first tick at 12:01.
internal static class CronJobFixtures
{
    public static readonly Guid JobId = Guid.Parse("c0000000-0000-0000-0000-000000000001");
    public static readonly Guid Run1 = Guid.Parse("c0000000-0000-0000-0000-0000000000a1");
    public static readonly Guid Run2 = Guid.Parse("c0000000-0000-0000-0000-0000000000a2");
    public static readonly Guid Run3 = Guid.Parse("c0000000-0000-0000-0000-0000000000a3");
    public static readonly DateTimeOffset T0 = Moments.T0;
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static CronJobDefinition Every(
        TimeSpan? every = null,
        ConcurrencyPolicy concurrency = ConcurrencyPolicy.Forbid,
        MisfirePolicy? misfire = null,
        RetryPolicy? retry = null,
        int? maxRuns = null,
        long timeoutSeconds = 600) =>
        new("report", "ada", "cli", null, "{\"prompt\":\"daily report\"}",
            new ScheduleSpec(ScheduleKind.Interval, EverySeconds: (long)(every ?? Minute).TotalSeconds, Anchor: T0),
            concurrency, misfire ?? new MisfirePolicy(), retry ?? new RetryPolicy(), 0, maxRuns, timeoutSeconds);

    public static CronJobCreated Created(CronJobDefinition? definition = null) => new(JobId, definition ?? Every(), T0 + Minute, T0);

    public static CronRunStarted Started(Guid runId, DateTimeOffset tick, int attempt = 1, string trigger = CronRunReasons.Schedule, DateTimeOffset? next = null, long timeoutSeconds = 600) =>
        new(JobId, runId, tick, attempt, 1, trigger, tick.AddSeconds(timeoutSeconds), next ?? tick + Minute, tick);

    public static Spec<CronJobCommand, ICronJobEvent, CronJobState> Job =>
        new(CronJobDecider.Initial, CronJobDecider.Decide, CronJobDecider.Evolve);

    public static TickCronJob Tick(DateTimeOffset at, Guid? runId = null) => new(JobId, runId ?? Run2, TimeZoneInfo.Utc, at);

    /// A short, readable form of decided events, so matrices can be written as strings.
    public static string Describe(IEnumerable<ICronJobEvent> events) => string.Join(" ", events.Select(e => e switch
    {
        CronRunStarted x => $"started:{x.Trigger}@{x.Tick:HH:mm}x{x.Ticks}#{x.Attempt}",
        CronRunSkipped x => $"skipped:{x.Reason}@{x.Tick:HH:mm}x{x.Ticks}",
        CronRunQueued x => $"queued@{x.Tick:HH:mm}",
        CronRunRequested => "requested",
        CronRunCancelled x => $"cancelled:{x.Reason}",
        CronRunStaleFailed => "stale",
        CronRunRetryScheduled x => $"retry#{x.Attempt}",
        CronRunFailed => "failed",
        CronRunSucceeded => "succeeded",
        CronRunDenied x => $"denied:{x.Reason}@{x.Tick:HH:mm}x{x.Ticks}",
        CronCatchUpPlanned x => "planned[" + string.Join(",", x.Runs.Select(r => $"{r.Tick:HH:mm}x{r.Ticks}")) + "]",
        CronJobReviewRequired x => $"review@{x.FirstMissed:HH:mm}x{x.Missed}",
        CronJobReviewDecided x => $"decided:{x.Decision}",
        CronJobDisabled x => $"disabled:{x.Reason}",
        _ => e.GetType().Name,
    }));

    public static IReadOnlyList<ICronJobEvent> Decide(CronJobCommand command, params ICronJobEvent[] history) =>
        CronJobDecider.Decide(command, history.Aggregate(CronJobDecider.Initial, CronJobDecider.Evolve));
}
