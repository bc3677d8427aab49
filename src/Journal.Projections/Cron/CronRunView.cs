namespace Journal.Projections.Cron;

/// <summary>One run record of a job: a run, or a tick that did not run.</summary>
/// <param name="RecordSeq">The tape position of the event that made the record (its id in listings).</param>
/// <param name="RunId">The run, for records of runs that started.</param>
/// <param name="Tick">The scheduled time (the first, when it stands for several).</param>
/// <param name="Ticks">How many ticks the record stands for.</param>
/// <param name="Attempt">For runs: the attempt number.</param>
/// <param name="Trigger">For runs: schedule, retry, queued, catch_up or manual (an operator's "run now").</param>
/// <param name="Status">Where it is.</param>
/// <param name="Reason">Why it was skipped, denied or cancelled.</param>
/// <param name="Error">Why it failed (redacted).</param>
/// <param name="RecordedAt">When the record was made.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="TimeoutAt">When the run is (was) failed as stale if not finished.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="RetryAt">When its tick is tried again, if a retry was scheduled.</param>
public sealed record CronRunView(
    long RecordSeq,
    Guid? RunId,
    Guid JobId,
    DateTimeOffset Tick,
    int Ticks,
    int? Attempt,
    string? Trigger,
    CronRunStatus Status,
    string? Reason,
    string? Error,
    DateTimeOffset RecordedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? TimeoutAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? RetryAt);
