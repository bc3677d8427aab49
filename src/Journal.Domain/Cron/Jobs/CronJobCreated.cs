using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A cron job was created.</summary>
/// <param name="Definition">What it is.</param>
/// <param name="NextDueAt">Its first tick (before jitter), or null when the schedule never fires.</param>
/// <param name="At">When.</param>
[EventType("cron.job_created.v1")]
public sealed record CronJobCreated(Guid JobId, CronJobDefinition Definition, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
