namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Fills a definition's defaults from a request: policies, timeout, an interval's anchor (now).</summary>
internal static class CronJobInput
{
    public static CronJobDefinition Definition(
        string name,
        string owner,
        string channel,
        string? sessionKey,
        string payload,
        ScheduleSpec schedule,
        ConcurrencyPolicy concurrency,
        MisfirePolicy? misfire,
        RetryPolicy? retry,
        long jitterSeconds,
        int? maxRuns,
        long? timeoutSeconds,
        DateTimeOffset now)
    {
        if (schedule is { Kind: ScheduleKind.Interval, Anchor: null })
        {
            // An interval counts from when it was set, unless the caller pins the phase.
            schedule = schedule with { Anchor = now };
        }

        return new CronJobDefinition(
            name,
            owner,
            channel,
            sessionKey,
            payload,
            schedule,
            concurrency,
            misfire ?? new MisfirePolicy(),
            retry ?? new RetryPolicy(),
            jitterSeconds,
            maxRuns,
            timeoutSeconds ?? CronJobLimits.DefaultTimeoutSeconds);
    }
}
