using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A run was claimed and started. Appended against the job stream's expected version, so two schedulers never both start it.</summary>
/// <param name="Tick">The scheduled time it runs for.</param>
/// <param name="Attempt">1 for the first attempt, more for retries.</param>
/// <param name="Ticks">How many ticks it stands for (more than 1 when missed ticks were collapsed).</param>
/// <param name="Trigger">schedule, retry, queued, catch_up or manual.</param>
/// <param name="TimeoutAt">When it is failed as stale if not finished.</param>
/// <param name="NextDueAt">The job's next tick afterwards.</param>
/// <param name="At">When.</param>
[EventType("cron.run_started.v1")]
public sealed record CronRunStarted(Guid JobId, Guid RunId, DateTimeOffset Tick, int Attempt, int Ticks, string Trigger, DateTimeOffset TimeoutAt, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
