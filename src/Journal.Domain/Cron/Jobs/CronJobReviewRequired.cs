using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>An outage was longer than the job's review window: nothing runs until an operator decides.</summary>
/// <param name="FirstMissed">The first missed tick.</param>
/// <param name="LastMissed">The last missed tick.</param>
/// <param name="Missed">How many ticks were missed (saturates at <see cref="CronJobLimits.MissedCountCap"/>).</param>
/// <param name="At">When.</param>
[EventType("cron.job_review_required.v1")]
public sealed record CronJobReviewRequired(Guid JobId, DateTimeOffset FirstMissed, DateTimeOffset LastMissed, int Missed, DateTimeOffset At) : ICronJobEvent;
