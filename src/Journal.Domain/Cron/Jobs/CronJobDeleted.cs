using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A cron job was deleted.</summary>
/// <param name="By">Who deleted it.</param>
/// <param name="At">When.</param>
[EventType("cron.job_deleted.v1")]
public sealed record CronJobDeleted(Guid JobId, string? By, DateTimeOffset At) : ICronJobEvent;
