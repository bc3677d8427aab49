namespace Journal.Domain.Cron.Jobs;

/// <summary>How a failed (or stale) run is tried again.</summary>
/// <param name="MaxAttempts">Attempts per tick, the first included: 1 (never retry) to 16.</param>
/// <param name="BaseBackoffSeconds">The delay before the second attempt, doubled for each later one (1 s..7 days).</param>
/// <param name="MaxDelaySeconds">The doubling stops here (at least the base, at most 7 days).</param>
public sealed record RetryPolicy(int MaxAttempts = 1, long BaseBackoffSeconds = 30, long MaxDelaySeconds = 3600);
