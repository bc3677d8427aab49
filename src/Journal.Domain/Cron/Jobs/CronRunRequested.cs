using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>
/// An operator asked for a run now, outside the schedule ("run now"). Only a request: the scheduler starts
/// it at its next look (at once, or when the active run ends under QueueOne) as a run with trigger
/// <c>manual</c> and this run id, so that every start is a claim the scheduler publishes to the executors.
/// </summary>
/// <param name="RunId">The id the run will have.</param>
/// <param name="By">Who asked.</param>
/// <param name="At">When.</param>
[EventType("cron.run_requested.v1")]
public sealed record CronRunRequested(Guid JobId, Guid RunId, string? By, DateTimeOffset At) : ICronJobEvent;
