using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A paused cron job was resumed; ticks that fell in the pause are not run.</summary>
/// <param name="By">Who resumed it.</param>
/// <param name="NextDueAt">Its next tick after now.</param>
/// <param name="At">When.</param>
[EventType("cron.job_resumed.v1")]
public sealed record CronJobResumed(Guid JobId, string? By, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
