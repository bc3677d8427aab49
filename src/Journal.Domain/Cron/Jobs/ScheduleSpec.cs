using System.Text.Json.Serialization;
using Journal.Domain.Cron.Schedules;
using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Jobs;

/// <summary>Which kind of schedule a job has.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScheduleKind>))]
public enum ScheduleKind
{
    /// <summary>A 5-field cron expression in a time zone.</summary>
    Cron,

    /// <summary>A fixed interval from an anchor.</summary>
    Interval,

    /// <summary>One time.</summary>
    Once,
}

/// <summary>
/// A job's schedule as plain data (what the tape keeps); <see cref="ToSchedule"/> makes the
/// <see cref="Schedule"/> that computes fire times.
/// </summary>
/// <param name="Kind">Cron, Interval or Once.</param>
/// <param name="Expression">For Cron: the expression, such as <c>0 9 * * MON-FRI</c>.</param>
/// <param name="TimeZone">For Cron: <c>UTC</c> (the default), <c>local</c> or an IANA id.</param>
/// <param name="EverySeconds">For Interval: the interval in seconds (at least 1).</param>
/// <param name="Anchor">For Interval: the first fire time (the job's creation time when left out). For Once: unused.</param>
/// <param name="At">For Once: the one fire time.</param>
public sealed record ScheduleSpec(
    ScheduleKind Kind,
    string? Expression = null,
    string? TimeZone = null,
    long? EverySeconds = null,
    DateTimeOffset? Anchor = null,
    DateTimeOffset? At = null)
{
    /// <summary>The schedule this spec describes, reading <c>local</c> as <paramref name="machineZone"/>.</summary>
    /// <exception cref="ValidationException">On field <c>schedule</c>: a field is missing, malformed or belongs to another kind.</exception>
    public Schedule ToSchedule(TimeZoneInfo machineZone)
    {
        switch (Kind)
        {
            case ScheduleKind.Cron:
                Refuse(EverySeconds is not null || Anchor is not null || At is not null, "a cron schedule takes only expression and timeZone");
                if (string.IsNullOrWhiteSpace(Expression))
                {
                    throw new ValidationException("schedule", "a cron schedule needs an expression");
                }

                Refuse(Expression.Length > CronJobLimits.ExpressionMaxLength, $"expression must be at most {CronJobLimits.ExpressionMaxLength} characters");
                return new CronSchedule(CronExpression.Parse(Expression), ZoneSpec.Parse(TimeZone ?? ZoneSpec.UtcId, machineZone));
            case ScheduleKind.Interval:
                Refuse(Expression is not null || TimeZone is not null || At is not null, "an interval schedule takes only everySeconds and anchor");
                Refuse(EverySeconds is not (>= 1 and <= CronJobLimits.MaxEverySeconds), "everySeconds must be between 1 and 31622400 (366 days)");
                Refuse(Anchor is null, "an interval schedule needs an anchor");
                return new IntervalSchedule(TimeSpan.FromSeconds(EverySeconds!.Value), Anchor!.Value);
            case ScheduleKind.Once:
                Refuse(Expression is not null || TimeZone is not null || EverySeconds is not null || Anchor is not null, "a one-shot schedule takes only at");
                Refuse(At is null, "a one-shot schedule needs at");
                return new OnceSchedule(At!.Value);
            default:
                throw new ValidationException("schedule", "kind must be Cron, Interval or Once");
        }
    }

    private static void Refuse(bool condition, string reason)
    {
        if (condition)
        {
            throw new ValidationException("schedule", reason);
        }
    }
}
