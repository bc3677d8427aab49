using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>Missed ticks were planned to run one after another (misfire policy CatchUp, or an operator's Run decision).</summary>
/// <param name="Runs">The planned runs, oldest first; the last may stand for several ticks.</param>
/// <param name="NextDueAt">The next future tick.</param>
/// <param name="At">When.</param>
[EventType("cron.catch_up_planned.v1")]
public sealed record CronCatchUpPlanned(Guid JobId, IReadOnlyList<PlannedRun> Runs, DateTimeOffset? NextDueAt, DateTimeOffset At) : ICronJobEvent;
