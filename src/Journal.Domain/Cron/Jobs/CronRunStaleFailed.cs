using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A run was not finished by its timeout and was failed as stale.</summary>
/// <param name="TimeoutAt">Its deadline.</param>
/// <param name="At">When.</param>
[EventType("cron.run_stale_failed.v1")]
public sealed record CronRunStaleFailed(Guid JobId, Guid RunId, DateTimeOffset TimeoutAt, DateTimeOffset At) : ICronJobEvent;
