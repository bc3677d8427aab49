using System.Text.Json;
using Journal.Domain.Cron.Schedules;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Jobs;

/// <summary>Checks a job definition field by field; each failure names the field (camelCase, dotted for nested ones).</summary>
public static class CronJobValidation
{
    /// <summary>Checks <paramref name="d"/> for a job created or updated at <paramref name="now"/>, and returns its schedule.</summary>
    /// <exception cref="ValidationException">The first field at fault.</exception>
    public static Schedule Validate(CronJobDefinition d, TimeZoneInfo machineZone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        Require.Text(d.Name, "name", CronJobLimits.NameMaxLength);
        Require.Text(d.Owner, "owner", CronJobLimits.OwnerMaxLength);
        Require.Key(d.Channel, "channel", CronJobLimits.ChannelMaxLength);
        if (d.SessionKey is not null)
        {
            Require.Key(d.SessionKey, "sessionKey", CronJobLimits.SessionKeyMaxLength);
        }

        Payload(d.Payload);
        if (d.Schedule is null)
        {
            throw new ValidationException("schedule", "is required");
        }

        var schedule = d.Schedule.ToSchedule(machineZone);
        schedule.Validate(now);
        Check(Enum.IsDefined(d.Concurrency), "concurrency", "must be Forbid, Replace or QueueOne");
        Misfire(d.Misfire);
        Retry(d.Retry);
        Check(d.JitterSeconds is >= 0 and <= CronJobLimits.MaxSeconds, "jitterSeconds", $"must be between 0 and {CronJobLimits.MaxSeconds}");
        Check(d.MaxRuns is null or >= 1, "maxRuns", "must be at least 1 when given");
        Check(d.TimeoutSeconds is >= 1 and <= CronJobLimits.MaxSeconds, "timeoutSeconds", $"must be between 1 and {CronJobLimits.MaxSeconds}");
        return schedule;
    }

    private static void Payload(string? payload)
    {
        Require.Text(payload, "payload", CronJobLimits.PayloadMaxLength);
        try
        {
            using var _ = JsonDocument.Parse(payload!);
        }
        catch (JsonException)
        {
            throw new ValidationException("payload", "must be JSON text");
        }
    }

    private static void Misfire(MisfirePolicy? m)
    {
        if (m is null)
        {
            throw new ValidationException("misfire", "is required");
        }

        Check(Enum.IsDefined(m.Action), "misfire.action", "must be Skip or CatchUp");
        Check(m.MaxCatchUp is >= 1 and <= CronJobLimits.MaxCatchUp, "misfire.maxCatchUp", $"must be between 1 and {CronJobLimits.MaxCatchUp}");
        Check(m.GraceSeconds is >= 0 and <= CronJobLimits.MaxSeconds, "misfire.graceSeconds", $"must be between 0 and {CronJobLimits.MaxSeconds}");
        Check(m.ReviewAfterSeconds is null or (>= 1 and <= CronJobLimits.MaxSeconds), "misfire.reviewAfterSeconds", $"must be between 1 and {CronJobLimits.MaxSeconds} when given");
    }

    private static void Retry(RetryPolicy? r)
    {
        if (r is null)
        {
            throw new ValidationException("retry", "is required");
        }

        Check(r.MaxAttempts is >= 1 and <= CronJobLimits.MaxAttempts, "retry.maxAttempts", $"must be between 1 and {CronJobLimits.MaxAttempts}");
        Check(r.BaseBackoffSeconds is >= 1 and <= CronJobLimits.MaxSeconds, "retry.baseBackoffSeconds", $"must be between 1 and {CronJobLimits.MaxSeconds}");
        Check(r.MaxDelaySeconds >= r.BaseBackoffSeconds && r.MaxDelaySeconds <= CronJobLimits.MaxSeconds, "retry.maxDelaySeconds", $"must be between baseBackoffSeconds and {CronJobLimits.MaxSeconds}");
    }

    private static void Check(bool ok, string field, string reason)
    {
        if (!ok)
        {
            throw new ValidationException(field, reason);
        }
    }
}
