using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A cron job was redefined; its schedule starts again from now.</summary>
/// <param name="Definition">The new definition, whole.</param>
/// <param name="NextDueAt">Its next tick by the new schedule.</param>
/// <param name="At">When.</param>
[EventType("cron.job_updated.v1")]
public sealed record CronJobUpdated(Guid JobId, CronJobDefinition Definition, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
