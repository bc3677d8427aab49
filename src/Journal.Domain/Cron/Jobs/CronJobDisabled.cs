using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A cron job disabled itself: its schedule has no further tick (<c>schedule_ended</c>, as a one-shot job once run) or it reached its max runs (<c>max_runs</c>).</summary>
/// <param name="Reason">schedule_ended or max_runs.</param>
/// <param name="At">When.</param>
[EventType("cron.job_disabled.v1")]
public sealed record CronJobDisabled(Guid JobId, string Reason, DateTimeOffset At) : ICronJobEvent;
