namespace Journal.Domain.Cron.Jobs;

/// <summary>A command decided by <see cref="CronJobDecider"/>.</summary>
/// <param name="JobId">The job the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record CronJobCommand(Guid JobId, DateTimeOffset At);

/// <summary>Creates a job.</summary>
/// <param name="JobId">The new job's id.</param>
/// <param name="Definition">What it is.</param>
/// <param name="MachineZone">The zone a <c>local</c> cron schedule is read in.</param>
/// <param name="At">The current time.</param>
public sealed record CreateCronJob(Guid JobId, CronJobDefinition Definition, TimeZoneInfo MachineZone, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>Redefines a job, whole.</summary>
/// <param name="Definition">The new definition.</param>
/// <param name="MachineZone">The zone a <c>local</c> cron schedule is read in.</param>
/// <param name="At">The current time.</param>
public sealed record UpdateCronJob(Guid JobId, CronJobDefinition Definition, TimeZoneInfo MachineZone, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>Pauses a job.</summary>
/// <param name="By">Who pauses it.</param>
/// <param name="At">The current time.</param>
public sealed record PauseCronJob(Guid JobId, string? By, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>Resumes a paused job from its next tick after now.</summary>
/// <param name="By">Who resumes it.</param>
/// <param name="MachineZone">The zone a <c>local</c> cron schedule is read in.</param>
/// <param name="At">The current time.</param>
public sealed record ResumeCronJob(Guid JobId, string? By, TimeZoneInfo MachineZone, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>Deletes a job; refused while a run is active.</summary>
/// <param name="By">Who deletes it.</param>
/// <param name="At">The current time.</param>
public sealed record DeleteCronJob(Guid JobId, string? By, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>
/// The scheduler's look at a job at <paramref name="At"/>: fails a run past its timeout, starts a due
/// retry, queued or catch-up run, and handles a due tick by the concurrency and misfire policies.
/// </summary>
/// <param name="RunId">The id a run started by this tick gets.</param>
/// <param name="MachineZone">The zone a <c>local</c> cron schedule is read in.</param>
/// <param name="At">The current time.</param>
public sealed record TickCronJob(Guid JobId, Guid RunId, TimeZoneInfo MachineZone, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>Finishes the job's active run.</summary>
/// <param name="Outcome">Succeeded or Failed.</param>
/// <param name="Error">For Failed: what went wrong.</param>
/// <param name="At">The current time.</param>
public sealed record FinishCronRun(Guid JobId, Guid RunId, CronRunOutcome Outcome, string? Error, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>An operator's decision on a job in review.</summary>
/// <param name="Decision">Run or Skip the missed ticks.</param>
/// <param name="By">Who decides.</param>
/// <param name="MachineZone">The zone a <c>local</c> cron schedule is read in.</param>
/// <param name="At">The current time.</param>
public sealed record DecideCronReview(Guid JobId, ReviewDecision Decision, string By, TimeZoneInfo MachineZone, DateTimeOffset At) : CronJobCommand(JobId, At);

/// <summary>
/// An operator's "run now": a run outside the schedule, by the job's concurrency policy (refused while a run
/// is active under Forbid; the active run is cancelled under Replace; it waits as the one pending run under
/// QueueOne), counted toward the job's max runs.
/// </summary>
/// <param name="RunId">The id the run will have.</param>
/// <param name="By">Who asks.</param>
/// <param name="At">The current time.</param>
public sealed record RunCronJobNow(Guid JobId, Guid RunId, string? By, DateTimeOffset At) : CronJobCommand(JobId, At);
