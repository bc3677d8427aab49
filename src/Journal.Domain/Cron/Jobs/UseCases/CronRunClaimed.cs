using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>
/// Published (in-process) after the scheduler claimed a run, for executors inside the host. The executor
/// does the work and finishes the run with <see cref="FinishCronRunRequest"/>; out-of-process executors
/// use <c>POST /v1/cron/runs/{runId}/finish</c>. A run not finished by <see cref="TimeoutAt"/> is failed as stale.
/// </summary>
/// <param name="Tick">The scheduled time it runs for.</param>
/// <param name="Attempt">1, or more for a retry.</param>
/// <param name="Ticks">How many ticks it stands for.</param>
/// <param name="Trigger">schedule, retry, queued, catch_up or manual.</param>
/// <param name="TimeoutAt">Its deadline.</param>
/// <param name="Owner">The principal it runs on behalf of.</param>
/// <param name="Channel">Where its output goes.</param>
/// <param name="SessionKey">The session key it uses, if any.</param>
/// <param name="Payload">What to run (as stored: redacted).</param>
public sealed record CronRunClaimed(
    Guid JobId,
    Guid RunId,
    DateTimeOffset Tick,
    int Attempt,
    int Ticks,
    string Trigger,
    DateTimeOffset TimeoutAt,
    string Owner,
    string Channel,
    string? SessionKey,
    string Payload) : INotification;
