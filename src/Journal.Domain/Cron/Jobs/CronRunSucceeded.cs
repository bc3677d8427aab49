using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A run finished well.</summary>
/// <param name="At">When.</param>
[EventType("cron.run_succeeded.v1")]
public sealed record CronRunSucceeded(Guid JobId, Guid RunId, DateTimeOffset At) : ICronJobEvent;
