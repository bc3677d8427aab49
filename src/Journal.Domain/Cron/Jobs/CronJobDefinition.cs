namespace Journal.Domain.Cron.Jobs;

/// <summary>Everything that defines a job; created whole and updated whole.</summary>
/// <param name="Name">A human name.</param>
/// <param name="Owner">The principal the job runs on behalf of.</param>
/// <param name="Channel">Where its output goes, a key such as <c>telegram:ops</c>.</param>
/// <param name="SessionKey">The session key its runs use, if any.</param>
/// <param name="Payload">What to run: opaque JSON text, redacted by the tape like every payload.</param>
/// <param name="Schedule">When it runs.</param>
/// <param name="Concurrency">What a tick does while a run is active.</param>
/// <param name="Misfire">What happens to ticks missed during an outage.</param>
/// <param name="Retry">How failed runs are tried again.</param>
/// <param name="JitterSeconds">Each tick fires up to this much later, by a fixed amount per job and tick (0..7 days).</param>
/// <param name="MaxRuns">The job disables itself after this many runs (ticks started), when set.</param>
/// <param name="TimeoutSeconds">A run not finished this long after it started is failed as stale (1 s..7 days).</param>
public sealed record CronJobDefinition(
    string Name,
    string Owner,
    string Channel,
    string? SessionKey,
    string Payload,
    ScheduleSpec Schedule,
    ConcurrencyPolicy Concurrency,
    MisfirePolicy Misfire,
    RetryPolicy Retry,
    long JitterSeconds,
    int? MaxRuns,
    long TimeoutSeconds);
