namespace Journal.Domain.Cron.Jobs;

/// <summary>The stable words run records use for triggers and reasons.</summary>
public static class CronRunReasons
{
    /// <summary>Trigger: a scheduled tick on time.</summary>
    public const string Schedule = "schedule";

    /// <summary>Trigger: another attempt of a failed tick.</summary>
    public const string Retry = "retry";

    /// <summary>Trigger: the pending run of QueueOne.</summary>
    public const string Queued = "queued";

    /// <summary>Trigger: a planned catch-up run after an outage.</summary>
    public const string CatchUp = "catch_up";

    /// <summary>Trigger: an operator's "run now", outside the schedule.</summary>
    public const string Manual = "manual";

    /// <summary>Skipped: a run was active and the policy is Forbid.</summary>
    public const string ConcurrencyForbid = "concurrency_forbid";

    /// <summary>Skipped: a run was active and one was already queued (QueueOne).</summary>
    public const string QueueFull = "queue_full";

    /// <summary>Skipped: missed during an outage, misfire policy Skip.</summary>
    public const string Misfire = "misfire";

    /// <summary>Denied: an operator chose Skip for a job in review.</summary>
    public const string ReviewSkipped = "review_skipped";

    /// <summary>Cancelled: a newer tick replaced the run (Replace).</summary>
    public const string Replaced = "replaced";

    /// <summary>Disabled: the schedule has no further tick (a one-shot job ran).</summary>
    public const string ScheduleEnded = "schedule_ended";

    /// <summary>Disabled: the job started its max runs.</summary>
    public const string MaxRuns = "max_runs";
}
