using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>An active run was cancelled (<c>replaced</c> by a newer tick).</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
[EventType("cron.run_cancelled.v1")]
public sealed record CronRunCancelled(Guid JobId, Guid RunId, string Reason, DateTimeOffset At) : ICronJobEvent;
