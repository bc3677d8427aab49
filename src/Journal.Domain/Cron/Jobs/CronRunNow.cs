using Journal.Domain.Deciding;

namespace Journal.Domain.Cron.Jobs;

/// <summary>
/// The decision on an operator's "run now". It only records the request (and, under Replace, cancels the
/// active run): the scheduler starts the run at its next look, as it starts every run, so the executors
/// hear of it the same way. The rules a scheduled tick follows apply: nothing starts on a paused job or a
/// job in review, the concurrency policy decides what an active run means, and the run counts toward
/// <see cref="CronJobDefinition.MaxRuns"/>.
/// </summary>
internal static class CronRunNow
{
    public static List<ICronJobEvent> Decide(RunCronJobNow c, CronJobState state)
    {
        Require.Id(c.RunId, "runId");
        var by = Require.OptionalText(c.By, "by", CronJobLimits.ByMaxLength);
        if (state.Manual is { } pending)
        {
            // Asking again for the same run changes nothing, so a retried request is harmless.
            return pending.RunId == c.RunId
                ? []
                : throw Refuse.Rule("cron.run_requested", $"cron job {c.JobId} has a run requested already ({pending.RunId}); it starts as soon as it may");
        }

        if (state.Paused)
        {
            throw Refuse.Rule("cron.job_paused", $"cron job {c.JobId} is paused; resume it before running it");
        }

        if (state.Review is not null)
        {
            throw Refuse.Rule("cron.in_review", $"cron job {c.JobId} is in review; decide the review before running it");
        }

        if (state.Definition!.MaxRuns is { } most && state.RunsStarted >= most)
        {
            throw Refuse.Rule("cron.max_runs_reached", $"cron job {c.JobId} has started its {most} run(s) already (maxRuns)");
        }

        var events = new List<ICronJobEvent>();
        if (state.Active is { } active)
        {
            switch (state.Definition.Concurrency)
            {
                case ConcurrencyPolicy.Forbid:
                    throw Refuse.Rule("cron.run_active", $"cron job {c.JobId} has an active run {active.RunId} and its concurrency policy is Forbid");
                case ConcurrencyPolicy.Replace:
                    events.Add(new CronRunCancelled(c.JobId, active.RunId, CronRunReasons.Replaced, c.At));
                    break;
                default:
                    if (state.Queued is not null)
                    {
                        throw Refuse.Rule("cron.queue_full", $"cron job {c.JobId} has an active run and a queued one already (QueueOne)");
                    }

                    break;
            }
        }

        events.Add(new CronRunRequested(c.JobId, c.RunId, by, c.At));
        return events;
    }
}
