using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>A run failed; the error is redacted by the tape like every payload.</summary>
/// <param name="Error">What went wrong.</param>
/// <param name="At">When.</param>
[EventType("cron.run_failed.v1")]
public sealed record CronRunFailed(Guid JobId, Guid RunId, string Error, DateTimeOffset At) : ICronJobEvent;
