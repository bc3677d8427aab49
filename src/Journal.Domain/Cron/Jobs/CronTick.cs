using Journal.Domain.Cron.Schedules;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Jobs;

/// <summary>
/// The scheduler's decisions for one job at one instant, in order: fail a run past its timeout (and
/// schedule its retry), start a waiting run (a "run now", a due retry, then a catch-up run, then the queued run), then
/// handle a due tick: on time by the concurrency policy, late by the misfire policy.
/// </summary>
internal static class CronTick
{
    public static List<ICronJobEvent> Decide(TickCronJob c, CronJobState state)
    {
        Require.Id(c.RunId, "runId");
        var d = new Decision(state);
        var now = c.At;
        if (d.State.Active is { } stale && now >= stale.TimeoutAt)
        {
            d.Add(new CronRunStaleFailed(c.JobId, stale.RunId, stale.TimeoutAt, now));
            if (RetryAfter(d.State, stale, now) is { } retry)
            {
                d.Add(retry);
            }
        }

        if (d.State.Paused || d.State.Review is not null)
        {
            return d.Events;
        }

        if (d.State.Active is null)
        {
            StartWaiting(d, c);
            if (d.Events.OfType<CronRunStarted>().Any())
            {
                // One run per decision (it has this command's run id); a tick also due is handled by the
                // next look, at once, against the run just started.
                return d.Events;
            }
        }

        if (d.State.NextFireAt is { } fireAt && now >= fireAt)
        {
            Due(d, c, d.State.NextDueAt!.Value, fireAt);
        }

        return d.Events;
    }

    public static List<ICronJobEvent> Review(DecideCronReview c, CronJobState state)
    {
        var by = Require.Text(c.By, "by", CronJobLimits.ByMaxLength);
        if (!Enum.IsDefined(c.Decision))
        {
            throw new ValidationException("decision", "must be Run or Skip");
        }

        if (state.Review is not { } review)
        {
            throw Refuse.Rule("cron.not_in_review", $"cron job {c.JobId} is not in review");
        }

        var schedule = state.Definition!.Schedule.ToSchedule(c.MachineZone);
        var next = schedule.NextAfter(c.At);
        var (missed, _) = Missed(schedule, review.FirstMissed, c.At);
        var d = new Decision(state);
        if (c.Decision == ReviewDecision.Skip)
        {
            d.Add(new CronRunDenied(c.JobId, review.FirstMissed, missed, CronRunReasons.ReviewSkipped, by, c.At));
            d.Add(new CronJobReviewDecided(c.JobId, c.Decision, by, next, c.At));
        }
        else
        {
            d.Add(new CronJobReviewDecided(c.JobId, c.Decision, by, next, c.At));
            var misfire = state.Definition.Misfire;
            var most = misfire.Action == MisfireAction.CatchUp ? misfire.MaxCatchUp : 1;

            // Planned only: the scheduler starts the first run at its next look (at once), so that every
            // start is a claim it publishes to the executors.
            d.Add(new CronCatchUpPlanned(c.JobId, Plan(schedule, review.FirstMissed, missed, most), next, c.At));
        }

        EndIfNoTick(d, c.JobId, next, c.At);
        return d.Events;
    }

    /// <summary>The retry of <paramref name="run"/>'s tick when the policy allows another attempt; null otherwise.</summary>
    public static CronRunRetryScheduled? RetryAfter(CronJobState state, ActiveCronRun run, DateTimeOffset now)
    {
        var retry = state.Definition!.Retry;
        if (run.Attempt >= retry.MaxAttempts)
        {
            return null;
        }

        var wait = CronJitter.Backoff(state.JobId, run.Tick, run.Attempt, retry);
        return new CronRunRetryScheduled(state.JobId, run.RunId, run.Tick, run.Ticks, run.Attempt + 1, now + wait, now);
    }

    private static void StartWaiting(Decision d, TickCronJob c)
    {
        var s = d.State;
        if (s.Manual is { } manual)
        {
            // An operator's "run now" goes first: it was asked for now. It runs with the id it was given.
            StartNew(d, c with { RunId = manual.RunId }, manual.RequestedAt, 1, CronRunReasons.Manual, s.NextDueAt);
        }
        else if (s.Retry is { } retry && c.At >= retry.RetryAt)
        {
            d.Add(Started(s, c, retry.Tick, retry.Attempt, retry.Ticks, CronRunReasons.Retry, s.NextDueAt));
        }
        else if (s.Backlog.Count > 0)
        {
            StartNew(d, c, s.Backlog[0].Tick, s.Backlog[0].Ticks, CronRunReasons.CatchUp, s.NextDueAt);
        }
        else if (s.Queued is { } queued)
        {
            StartNew(d, c, queued, 1, CronRunReasons.Queued, s.NextDueAt);
        }
    }

    private static void Due(Decision d, TickCronJob c, DateTimeOffset due, DateTimeOffset fireAt)
    {
        var definition = d.State.Definition!;
        var schedule = definition.Schedule.ToSchedule(c.MachineZone);
        var now = c.At;
        var next = schedule.NextAfter(now);
        var (missed, last) = Missed(schedule, due, now);
        var late = now - fireAt;
        if (missed > 1 || late > TimeSpan.FromSeconds(definition.Misfire.GraceSeconds))
        {
            Misfire(d, c, schedule, due, last, missed, late, next);
        }
        else if (d.State.Active is not { } active)
        {
            StartNew(d, c, due, 1, CronRunReasons.Schedule, next);
        }
        else
        {
            switch (definition.Concurrency)
            {
                case ConcurrencyPolicy.Forbid:
                    d.Add(new CronRunSkipped(c.JobId, due, 1, CronRunReasons.ConcurrencyForbid, next, now));
                    break;
                case ConcurrencyPolicy.Replace:
                    d.Add(new CronRunCancelled(c.JobId, active.RunId, CronRunReasons.Replaced, now));
                    StartNew(d, c, due, 1, CronRunReasons.Schedule, next);
                    break;
                default:
                    // A waiting "run now" is the one pending run too.
                    d.Add(d.State.Queued is null && d.State.Manual is null
                        ? new CronRunQueued(c.JobId, due, next, now)
                        : new CronRunSkipped(c.JobId, due, 1, CronRunReasons.QueueFull, next, now));
                    break;
            }
        }

        EndIfNoTick(d, c.JobId, next, now);
    }

    private static void Misfire(Decision d, TickCronJob c, Schedule schedule, DateTimeOffset due, DateTimeOffset last, int missed, TimeSpan late, DateTimeOffset? next)
    {
        var misfire = d.State.Definition!.Misfire;
        if (misfire.ReviewAfterSeconds is { } window && late > TimeSpan.FromSeconds(window))
        {
            d.Add(new CronJobReviewRequired(c.JobId, due, last, missed, c.At));
            return;
        }

        if (misfire.Action == MisfireAction.Skip)
        {
            d.Add(new CronRunSkipped(c.JobId, due, missed, CronRunReasons.Misfire, next, c.At));
            return;
        }

        d.Add(new CronCatchUpPlanned(c.JobId, Plan(schedule, due, missed, misfire.MaxCatchUp), next, c.At));
        if (d.State.Active is null)
        {
            StartWaiting(d, c);
        }
    }

    private static void StartNew(Decision d, TickCronJob c, DateTimeOffset tick, int ticks, string trigger, DateTimeOffset? next)
    {
        var s = d.State;
        d.Add(Started(s, c, tick, 1, ticks, trigger, next));
        if (s.Definition!.MaxRuns is { } most && d.State.RunsStarted >= most && !s.Disabled)
        {
            d.Add(new CronJobDisabled(c.JobId, CronRunReasons.MaxRuns, c.At));
        }
    }

    private static CronRunStarted Started(CronJobState s, TickCronJob c, DateTimeOffset tick, int attempt, int ticks, string trigger, DateTimeOffset? next) =>
        new(c.JobId, c.RunId, tick, attempt, ticks, trigger, c.At.AddSeconds(s.Definition!.TimeoutSeconds), next, c.At);

    private static void EndIfNoTick(Decision d, Guid jobId, DateTimeOffset? next, DateTimeOffset now)
    {
        if (next is null && !d.State.Disabled && d.State.Review is null)
        {
            d.Add(new CronJobDisabled(jobId, CronRunReasons.ScheduleEnded, now));
        }
    }

    /// <summary>
    /// The runs of a catch-up of <paramref name="missed"/> ticks from <paramref name="first"/>: one per tick
    /// up to <paramref name="most"/>; when there are more, the last run stands for all the rest.
    /// </summary>
    private static List<PlannedRun> Plan(Schedule schedule, DateTimeOffset first, int missed, int most)
    {
        var runs = new List<PlannedRun>();
        var tick = first;
        var count = Math.Max(1, missed);
        for (var i = 0; i < Math.Min(count, most); i++)
        {
            var last = i == most - 1;
            runs.Add(new PlannedRun(tick, last ? count - i : 1));
            if (schedule.NextAfter(tick) is not { } next)
            {
                break;
            }

            tick = next;
        }

        return runs;
    }

    /// <summary>How many ticks from <paramref name="first"/> (a tick) up to <paramref name="now"/> are due, and the last of them.</summary>
    internal static (int Count, DateTimeOffset Last) Missed(Schedule schedule, DateTimeOffset first, DateTimeOffset now)
    {
        if (now < first)
        {
            return (0, first);
        }

        if (schedule is IntervalSchedule interval)
        {
            // Arithmetic, not a walk: a one-second interval over a week-long outage is 600 000 ticks.
            var steps = (now - first).Ticks / interval.Every.Ticks;
            return steps >= CronJobLimits.MissedCountCap
                ? (CronJobLimits.MissedCountCap, first + (interval.Every * (CronJobLimits.MissedCountCap - 1)))
                : ((int)steps + 1, first + (interval.Every * steps));
        }

        var count = 1;
        var last = first;
        while (count < CronJobLimits.MissedCountCap && schedule.NextAfter(last) is { } next && next <= now)
        {
            count++;
            last = next;
        }

        return (count, last);
    }

    /// <summary>Events decided so far and the state they lead to.</summary>
    private sealed class Decision(CronJobState state)
    {
        public CronJobState State { get; private set; } = state;

        public List<ICronJobEvent> Events { get; } = [];

        public void Add(ICronJobEvent e)
        {
            Events.Add(e);
            State = CronJobDecider.Evolve(State, e);
        }
    }
}
