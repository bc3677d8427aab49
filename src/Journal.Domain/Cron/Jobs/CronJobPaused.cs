using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A cron job was paused: nothing new starts until it is resumed.</summary>
/// <param name="By">Who paused it.</param>
/// <param name="At">When.</param>
[EventType("cron.job_paused.v1")]
public sealed record CronJobPaused(Guid JobId, string? By, DateTimeOffset At) : ICronJobEvent;
