using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>An operator decided a job in review: run the missed ticks or skip them.</summary>
/// <param name="Decision">Run or Skip.</param>
/// <param name="By">Who decided.</param>
/// <param name="NextDueAt">The next tick after the decision.</param>
/// <param name="At">When.</param>
[EventType("cron.job_review_decided.v1")]
public sealed record CronJobReviewDecided(Guid JobId, ReviewDecision Decision, string By, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
