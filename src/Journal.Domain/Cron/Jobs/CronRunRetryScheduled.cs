using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A failed run's tick will be tried again.</summary>
/// <param name="FailedRunId">The attempt that failed.</param>
/// <param name="Ticks">How many ticks it stands for.</param>
/// <param name="Attempt">The number of the next attempt.</param>
/// <param name="RetryAt">When it may start.</param>
/// <param name="At">When.</param>
[EventType("cron.run_retry_scheduled.v1")]
public sealed record CronRunRetryScheduled(Guid JobId, Guid FailedRunId, DateTimeOffset Tick, int Ticks, int Attempt, DateTimeOffset RetryAt, DateTimeOffset At) : ICronJobEvent;
