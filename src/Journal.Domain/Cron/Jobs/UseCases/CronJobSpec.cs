namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>
/// A job as a client defines it, to create it or to redefine it whole: a <see cref="CronJobDefinition"/>
/// whose policies, timeout and interval anchor may be left to their defaults.
/// </summary>
/// <param name="Name">A human name.</param>
/// <param name="Owner">The principal it runs on behalf of.</param>
/// <param name="Channel">Where its output goes (a key).</param>
/// <param name="SessionKey">The session key its runs use, if any.</param>
/// <param name="Payload">What to run: JSON text.</param>
/// <param name="Schedule">When it runs; an interval without an anchor counts from when the job is defined.</param>
/// <param name="Concurrency">What a tick does while a run is active (Forbid by default).</param>
/// <param name="Misfire">Misfire policy (Skip, 60 s grace, no review by default).</param>
/// <param name="Retry">Retry policy (one attempt by default).</param>
/// <param name="JitterSeconds">Up to this much later per tick, fixed per job and tick.</param>
/// <param name="MaxRuns">Disables itself after this many runs, when set.</param>
/// <param name="TimeoutSeconds">A run is failed as stale after this long (one hour by default).</param>
public sealed record CronJobSpec(
    string Name,
    string Owner,
    string Channel,
    string? SessionKey,
    string Payload,
    ScheduleSpec Schedule,
    ConcurrencyPolicy Concurrency = ConcurrencyPolicy.Forbid,
    MisfirePolicy? Misfire = null,
    RetryPolicy? Retry = null,
    long JitterSeconds = 0,
    int? MaxRuns = null,
    long? TimeoutSeconds = null)
{
    /// <summary>The definition, with the defaults filled and an interval without an anchor anchored at <paramref name="now"/>.</summary>
    public CronJobDefinition Definition(DateTimeOffset now)
    {
        var schedule = Schedule is { Kind: ScheduleKind.Interval, Anchor: null } ? Schedule with { Anchor = now } : Schedule;
        return new CronJobDefinition(
            Name,
            Owner,
            Channel,
            SessionKey,
            Payload,
            schedule,
            Concurrency,
            Misfire ?? new MisfirePolicy(),
            Retry ?? new RetryPolicy(),
            JitterSeconds,
            MaxRuns,
            TimeoutSeconds ?? CronJobLimits.DefaultTimeoutSeconds);
    }
}
