using Journal.Domain.Cron.Schedules;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Domain.Cron.Jobs;

/// <summary>
/// Decides the commands of one cron job and its runs. Stream: <c>cronjob-{jobId}</c>. Every run of the
/// job is in the job's stream, so starting one is a claim: the append carries the version the decision
/// was made on, and of two schedulers deciding the same tick only the first append succeeds.
/// </summary>
public static class CronJobDecider
{
    /// <summary>The stream of one job: <c>cronjob-{jobId}</c>.</summary>
    public static StreamId StreamFor(Guid jobId) =>
        StreamId.For("cronjob", jobId.ToString("D", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static CronJobState Initial { get; } = new(
        false, false, Guid.Empty, null, false, false, null, null, null, null, [], null, 0, default, default);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<CronJobCommand, CronJobState, ICronJobEvent> Value { get; } = new(c => StreamFor(c.JobId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <returns>The events to append; empty when nothing is to be done.</returns>
    /// <exception cref="ValidationException">A field is invalid.</exception>
    /// <exception cref="NotFoundException"><c>cron_job.not_found</c>: no such job, or it was deleted.</exception>
    /// <exception cref="RuleViolationException">
    /// <c>cron.job_exists</c>, <c>cron.run_active</c> (delete while a run is active), <c>cron.run_not_active</c>
    /// (finishing a run that is not the active one; "run now" under Forbid with a run active), <c>cron.not_in_review</c>,
    /// and for "run now": <c>cron.run_requested</c>, <c>cron.job_paused</c>, <c>cron.in_review</c>,
    /// <c>cron.max_runs_reached</c>, <c>cron.queue_full</c>.
    /// </exception>
    public static IReadOnlyList<ICronJobEvent> Decide(CronJobCommand command, CronJobState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            CreateCronJob c => Create(c, state),
            UpdateCronJob c => Update(c, Existing(state, c.JobId)),
            PauseCronJob c => Pause(c, Existing(state, c.JobId)),
            ResumeCronJob c => Resume(c, Existing(state, c.JobId)),
            DeleteCronJob c => Delete(c, Existing(state, c.JobId)),
            TickCronJob c => CronTick.Decide(c, Existing(state, c.JobId)),
            FinishCronRun c => Finish(c, Existing(state, c.JobId)),
            DecideCronReview c => CronTick.Review(c, Existing(state, c.JobId)),
            RunCronJobNow c => CronRunNow.Decide(c, Existing(state, c.JobId)),
            _ => throw new ArgumentException($"unknown cron job command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <summary>Applies one event.</summary>
    public static CronJobState Evolve(CronJobState state, ICronJobEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = @event switch
        {
            CronJobCreated e => Initial with
            {
                Exists = true, JobId = e.JobId, Definition = e.Definition, NextDueAt = e.NextDueAt, Disabled = e.NextDueAt is null, CreatedAt = e.At,
            },
            CronJobUpdated e => state with
            {
                Definition = e.Definition, NextDueAt = e.NextDueAt, Disabled = e.NextDueAt is null, Retry = null, Queued = null, Backlog = [], Review = null, RunsStarted = 0, Manual = null,
            },
            CronJobPaused => state with { Paused = true },
            CronJobResumed e => state with { Paused = false, NextDueAt = state.Disabled ? null : e.NextDueAt },
            CronJobDeleted => state with { Deleted = true, NextDueAt = null, Retry = null, Queued = null, Backlog = [], Manual = null },
            CronJobDisabled => state with { Disabled = true, NextDueAt = null, Queued = null, Backlog = [] },
            CronJobReviewRequired e => state with { Review = new CronReview(e.FirstMissed, e.LastMissed, e.Missed, e.At) },
            CronJobReviewDecided e => state with { Review = null, NextDueAt = e.NextDueAt },
            CronCatchUpPlanned e => state with { Backlog = [.. state.Backlog, .. e.Runs], NextDueAt = e.NextDueAt },
            CronRunStarted e => state with
            {
                Active = new ActiveCronRun(e.RunId, e.Tick, e.Attempt, e.Ticks, e.At, e.TimeoutAt),
                NextDueAt = e.NextDueAt,
                RunsStarted = e.Attempt == 1 ? state.RunsStarted + 1 : state.RunsStarted,
                Retry = e.Trigger == CronRunReasons.Retry ? null : state.Retry,
                Queued = e.Trigger == CronRunReasons.Queued ? null : state.Queued,
                Backlog = e.Trigger == CronRunReasons.CatchUp && state.Backlog.Count > 0 ? [.. state.Backlog.Skip(1)] : state.Backlog,
                Manual = e.Trigger == CronRunReasons.Manual ? null : state.Manual,
            },
            CronRunSucceeded e => Ended(state, e.RunId),
            CronRunFailed e => Ended(state, e.RunId),
            CronRunStaleFailed e => Ended(state, e.RunId),
            CronRunCancelled e => Ended(state, e.RunId),
            CronRunRetryScheduled e => state with { Retry = new PendingRetry(e.Tick, e.Ticks, e.Attempt, e.RetryAt) },
            CronRunSkipped e => state with { NextDueAt = e.NextDueAt },
            CronRunQueued e => state with { Queued = e.Tick, NextDueAt = e.NextDueAt },
            CronRunRequested e => state with { Manual = new ManualCronRun(e.RunId, e.By, e.At) },
            _ => state,
        };
        return next with { UpdatedAt = @event.At };
    }

    private static CronJobState Ended(CronJobState state, Guid runId) =>
        state.Active?.RunId == runId ? state with { Active = null } : state;

    private static ICronJobEvent[] Create(CreateCronJob c, CronJobState state)
    {
        Require.Id(c.JobId, "jobId");
        var schedule = CronJobValidation.Validate(c.Definition, c.MachineZone, c.At);
        if (state.Exists)
        {
            throw Refuse.Rule("cron.job_exists", $"cron job {c.JobId} exists already");
        }

        return [new CronJobCreated(c.JobId, c.Definition, schedule.NextAfter(c.At), c.At)];
    }

    private static ICronJobEvent[] Update(UpdateCronJob c, CronJobState state)
    {
        var schedule = CronJobValidation.Validate(c.Definition, c.MachineZone, c.At);
        return c.Definition == state.Definition ? [] : [new CronJobUpdated(c.JobId, c.Definition, schedule.NextAfter(c.At), c.At)];
    }

    private static ICronJobEvent[] Pause(PauseCronJob c, CronJobState state)
    {
        var by = Require.OptionalText(c.By, "by", CronJobLimits.ByMaxLength);
        return state.Paused ? [] : [new CronJobPaused(c.JobId, by, c.At)];
    }

    private static ICronJobEvent[] Resume(ResumeCronJob c, CronJobState state)
    {
        var by = Require.OptionalText(c.By, "by", CronJobLimits.ByMaxLength);
        if (!state.Paused)
        {
            return [];
        }

        Schedule schedule = state.Definition!.Schedule.ToSchedule(c.MachineZone);
        return [new CronJobResumed(c.JobId, by, state.Disabled ? null : schedule.NextAfter(c.At), c.At)];
    }

    private static ICronJobEvent[] Delete(DeleteCronJob c, CronJobState state)
    {
        var by = Require.OptionalText(c.By, "by", CronJobLimits.ByMaxLength);
        if (state.Active is { } active)
        {
            throw Refuse.Rule("cron.run_active", $"cron job {c.JobId} has an active run {active.RunId}; finish or wait for it before deleting the job");
        }

        return [new CronJobDeleted(c.JobId, by, c.At)];
    }

    private static List<ICronJobEvent> Finish(FinishCronRun c, CronJobState state)
    {
        Require.Id(c.RunId, "runId");
        if (!Enum.IsDefined(c.Outcome))
        {
            throw new ValidationException("outcome", "must be Succeeded or Failed");
        }

        string? error = null;
        if (c.Outcome == CronRunOutcome.Failed)
        {
            error = Require.Text(c.Error, "error", CronJobLimits.ErrorMaxLength);
        }
        else if (c.Error is not null)
        {
            throw new ValidationException("error", "is only for a failed run");
        }

        if (state.Active is not { } active || active.RunId != c.RunId)
        {
            throw Refuse.Rule("cron.run_not_active", $"run {c.RunId} of cron job {c.JobId} is not active (it finished, was cancelled or failed as stale)");
        }

        if (c.Outcome == CronRunOutcome.Succeeded)
        {
            return [new CronRunSucceeded(c.JobId, c.RunId, c.At)];
        }

        var events = new List<ICronJobEvent> { new CronRunFailed(c.JobId, c.RunId, error!, c.At) };
        if (CronTick.RetryAfter(state, active, c.At) is { } retry)
        {
            events.Add(retry);
        }

        return events;
    }

    private static CronJobState Existing(CronJobState state, Guid jobId) =>
        state.Exists && !state.Deleted ? state : throw Refuse.NotFound("cron_job", jobId);
}
