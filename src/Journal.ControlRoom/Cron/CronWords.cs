using System.Globalization;
using Journal.Domain.Cron.Jobs;
using Journal.ControlRoom.Shared;
using Journal.Projections.Cron;

namespace Journal.ControlRoom.Cron;

/// <summary>How a cron job reads on the pages: its schedule and its state in words.</summary>
public static class CronWords
{
    /// <summary>A schedule as <c>cron 0 9 * * MON-FRI (Europe/Prague)</c>, <c>every 300 s</c> or <c>once at …</c>.</summary>
    public static string Schedule(ScheduleSpec schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.Kind switch
        {
            ScheduleKind.Cron => $"cron {schedule.Expression} ({schedule.TimeZone ?? "machine time"})",
            ScheduleKind.Interval => $"every {schedule.EverySeconds?.ToString(CultureInfo.InvariantCulture) ?? "?"} s",
            _ => $"once at {Display.Time(schedule.At)}",
        };
    }

    /// <summary>The one word that says whether the job runs: <c>in review</c>, <c>paused</c>, <c>disabled</c> or <c>enabled</c>.</summary>
    public static string State(CronJobView job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.InReview ? "in review" : job.Paused ? "paused" : job.Disabled ? "disabled" : "enabled";
    }
}
