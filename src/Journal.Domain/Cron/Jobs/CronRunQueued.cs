using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A tick came while a run was active and waits as the one pending run (QueueOne).</summary>
/// <param name="NextDueAt">The job's next tick afterwards.</param>
/// <param name="At">When.</param>
[EventType("cron.run_queued.v1")]
public sealed record CronRunQueued(Guid JobId, DateTimeOffset Tick, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
