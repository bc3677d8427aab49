using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>Missed ticks were denied by an operator's review decision.</summary>
/// <param name="Tick">The first missed tick.</param>
/// <param name="Ticks">How many ticks.</param>
/// <param name="Reason">Why (<c>review_skipped</c>).</param>
/// <param name="By">Who denied them.</param>
/// <param name="At">When.</param>
[EventType("cron.run_denied.v1")]
public sealed record CronRunDenied(Guid JobId, DateTimeOffset Tick, int Ticks, string Reason, string By, DateTimeOffset At) : ICronJobEvent;
