using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A tick (or a stretch of missed ticks) did not run; the reason says why.</summary>
/// <param name="Tick">The (first) tick.</param>
/// <param name="Ticks">How many ticks the record stands for.</param>
/// <param name="Reason">concurrency_forbid, queue_full or misfire.</param>
/// <param name="NextDueAt">The job's next tick afterwards.</param>
/// <param name="At">When.</param>
[EventType("cron.run_skipped.v1")]
public sealed record CronRunSkipped(Guid JobId, DateTimeOffset Tick, int Ticks, string Reason, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
