using Bunit;
using Journal.ControlRoom.Auth;
using Journal.ControlRoom.Cron;
using Journal.ControlRoom.Tests.Support;
using Journal.Domain.Commands;
using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Domain.Errors;
using Journal.Projections.Cron;
using Journal.Projections.Querying;

namespace Journal.ControlRoom.Tests.Components;

public sealed class CronPageTests : ComponentTestBase
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);
    private static readonly Viewer Reader = new("reader-app", CanDecide: false, IsAdmin: false);
    private static readonly Viewer Writer = new("writer-app", CanDecide: true, IsAdmin: false);

    [Fact]
    public void The_list_shows_each_job_with_its_schedule_state_and_next_run()
    {
        var daily = Job("morning report", new ScheduleSpec(ScheduleKind.Cron, "0 9 * * MON-FRI", "Europe/Prague"));
        var paused = Job("cleanup", new ScheduleSpec(ScheduleKind.Interval, EverySeconds: 300), paused: true);
        Mediator.On<ListCronJobsQuery, Page<CronJobView>>(_ => new Page<CronJobView>([daily, paused], null));
        Mediator.On<GetCronHealthQuery, CronHealth>(_ => new CronHealth(0, 0, 0, 0, 1, At, null, At));

        var page = Render<CronPage>();

        var rows = page.FindAll("table[aria-label='Cron jobs'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("cron 0 9 * * MON-FRI (Europe/Prague)", rows[0], StringComparison.Ordinal);
        Assert.Contains("enabled", rows[0], StringComparison.Ordinal);
        Assert.Contains("2026-01-31 09:00:00 UTC", rows[0], StringComparison.Ordinal);
        Assert.Contains("every 300 s", rows[1], StringComparison.Ordinal);
        Assert.Contains("paused", rows[1], StringComparison.Ordinal);
        Assert.Equal($"cron/{daily.JobId}", page.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void A_due_backlog_reads_as_a_scheduler_that_is_not_running_or_behind()
    {
        Mediator.On<ListCronJobsQuery, Page<CronJobView>>(_ => new Page<CronJobView>([], null));
        Mediator.On<GetCronHealthQuery, CronHealth>(_ => new CronHealth(3, 1, 0, 2, 5, At, At.AddMinutes(-10), At));

        var page = Render<CronPage>();

        var facts = page.Find("section[aria-labelledby='scheduler-title'] dl").TextContent;
        Assert.Contains("3 (oldest due 2026-01-31 08:50:00 UTC): the scheduler is not running or is behind", facts, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("section[aria-labelledby='scheduler-title'] .verdict.broken").Count);
        Assert.Contains("No cron jobs.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_page_shows_its_next_runs_and_its_run_history()
    {
        var job = Job("morning report", new ScheduleSpec(ScheduleKind.Cron, "0 9 * * *", "UTC"));
        Mediator.On<GetCronJobQuery, CronJobDetail>(_ => new CronJobDetail(job, [At, At.AddDays(1)]));
        Mediator.On<ListCronRunsQuery, Page<CronRunView>>(_ => new Page<CronRunView>(
            [
                new CronRunView(9, Guid.NewGuid(), job.JobId, At.AddDays(-1), 1, 1, "schedule", CronRunStatus.Failed, null, "exit code 2", At, At, null, At, null),
                new CronRunView(5, null, job.JobId, At.AddDays(-2), 1, null, null, CronRunStatus.Skipped, "paused", null, At, null, null, null, null),
            ],
            null));

        var page = Render<CronJobPage>(p => p.Add(c => c.JobId, job.JobId));

        Assert.Equal((job.JobId, 5), (Mediator.SentOf<GetCronJobQuery>().Single().JobId, Mediator.SentOf<GetCronJobQuery>().Single().Preview));
        Assert.Equal(["2026-01-31 09:00:00 UTC", "2026-02-01 09:00:00 UTC"], page.FindAll("ol[aria-labelledby='next-runs'] li").Select(li => li.TextContent));
        var history = page.FindAll("table[aria-label='Run history'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Failed", history[0], StringComparison.Ordinal);
        Assert.Contains("exit code 2", history[0], StringComparison.Ordinal);
        Assert.Contains("Skipped", history[1], StringComparison.Ordinal);
        Assert.Contains("paused", history[1], StringComparison.Ordinal);
        // No signed-in person: a page without a role shows no action.
        Assert.Empty(page.FindAll("button"));
    }

    [Fact]
    public void A_reader_gets_no_pause_or_resume()
    {
        var actions = Render<CronJobActions>(p => p.Add(c => c.Job, Job("report", Every5Minutes)).Add(c => c.Viewer, Reader));

        Assert.Empty(actions.FindAll("button"));
        Assert.Contains("needs a writer key", actions.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_pauses_a_running_job_with_their_name_and_the_page_is_told_the_position()
    {
        var job = Job("report", Every5Minutes);
        Mediator.On<PauseCronJobRequest, CommandResult>(_ => new CommandResult($"cron-{job.JobId}", 3, 88, 1));
        long? told = null;
        var actions = Render<CronJobActions>(p => p.Add(c => c.Job, job).Add(c => c.Viewer, Writer).Add(c => c.OnChanged, position => told = position));
        Assert.DoesNotContain(actions.FindAll("button"), b => b.TextContent == "Resume");

        actions.FindAll("button").Single(b => b.TextContent == "Pause").Click();

        var sent = Assert.Single(Mediator.SentOf<PauseCronJobRequest>());
        Assert.Equal((job.JobId, "writer-app", "writer-app"), (sent.JobId, sent.By, sent.Context.Actor));
        Assert.Contains("Paused.", actions.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(88, told);
    }

    [Fact]
    public void A_paused_job_offers_resume_and_a_refusal_shows_the_problem_words()
    {
        var job = Job("report", Every5Minutes, paused: true);
        Mediator.On<ResumeCronJobRequest, CommandResult>(_ => throw new NotFoundException("cron_job", job.JobId.ToString()));
        long? told = null;
        var actions = Render<CronJobActions>(p => p.Add(c => c.Job, job).Add(c => c.Viewer, Writer).Add(c => c.OnChanged, position => told = position));

        actions.FindAll("button").Single(b => b.TextContent == "Resume").Click();

        Assert.Single(Mediator.SentOf<ResumeCronJobRequest>());
        var alert = actions.Find("[role=alert]").TextContent;
        Assert.Contains("cron_job", alert, StringComparison.Ordinal);
        Assert.Contains("not_found", alert, StringComparison.Ordinal);
        Assert.Null(told);
    }

    [Fact]
    public void A_writer_runs_a_job_now_sees_it_requested_and_then_started_when_the_scheduler_has_started_it()
    {
        var job = Job("report", Every5Minutes);
        var started = false;
        Mediator.On<RunCronJobNowRequest, CommandResult>(_ => new CommandResult($"cronjob-{job.JobId}", 5, 90, 1));
        Mediator.On<GetCronRunQuery, CronRunView>(q => Volatile.Read(ref started)
            ? new CronRunView(91, q.RunId, job.JobId, At, 1, 1, "manual", CronRunStatus.Active, null, null, At, At, At.AddHours(1), null, null)
            : throw new NotFoundException("cron_run", q.RunId.ToString()));
        var told = new List<long>();
        var actions = Render<CronJobActions>(p => p.Add(c => c.Job, job).Add(c => c.Viewer, Writer).Add(c => c.OnChanged, told.Add));

        actions.FindAll("button").Single(b => b.TextContent == "Run now").Click();

        var sent = Assert.Single(Mediator.SentOf<RunCronJobNowRequest>());
        Assert.Equal((job.JobId, "writer-app", "writer-app"), (sent.JobId, sent.By, sent.Context.Actor));
        Assert.NotEqual(Guid.Empty, sent.RunId);
        var requested = actions.Find("[role=status]").TextContent;
        Assert.Contains("Run requested.", requested, StringComparison.Ordinal);
        Assert.Contains(sent.RunId.ToString(), requested, StringComparison.Ordinal);
        Assert.Equal([90], told);
        Assert.True(Tape.HasFollowers);

        Volatile.Write(ref started, true);
        Tape.Commit(91);

        actions.WaitForAssertion(() => Assert.Contains("Run started.", actions.Find("[role=status]").TextContent, StringComparison.Ordinal));
        Assert.Contains("trigger manual", actions.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal([90, 91], told);
        Assert.All(Mediator.SentOf<GetCronRunQuery>(), q => Assert.Equal(sent.RunId, q.RunId));
    }

    [Fact]
    public void A_refused_run_now_shows_the_problem_and_follows_nothing()
    {
        var job = Job("report", Every5Minutes);
        Mediator.On<RunCronJobNowRequest, CommandResult>(_ => throw new RuleViolationException("cron.run_active", $"cron job {job.JobId} has an active run and its concurrency policy is Forbid"));
        long? told = null;
        var actions = Render<CronJobActions>(p => p.Add(c => c.Job, job).Add(c => c.Viewer, Writer).Add(c => c.OnChanged, position => told = position));

        actions.FindAll("button").Single(b => b.TextContent == "Run now").Click();

        var alert = actions.Find("[role=alert]").TextContent;
        Assert.Contains("concurrency policy is Forbid", alert, StringComparison.Ordinal);
        Assert.Contains("cron.run_active", alert, StringComparison.Ordinal);
        Assert.Null(told);
        Assert.False(Tape.HasFollowers);
        Assert.Empty(Mediator.SentOf<GetCronRunQuery>());
    }

    [Fact]
    public void A_job_page_shows_a_run_now_that_waits_for_the_active_run()
    {
        var job = Job("report", Every5Minutes) with
        {
            ActiveRun = new ActiveCronRun(Guid.NewGuid(), At, 1, 1, At, At.AddHours(1)),
            RunRequested = new ManualCronRun(Guid.NewGuid(), "bob", At.AddMinutes(1)),
        };
        Mediator.On<GetCronJobQuery, CronJobDetail>(_ => new CronJobDetail(job, []));
        Mediator.On<ListCronRunsQuery, Page<CronRunView>>(_ => new Page<CronRunView>([], null));

        var page = Render<CronJobPage>(p => p.Add(c => c.JobId, job.JobId));

        Assert.Contains("Run requestedby bob at 2026-01-31 09:01:00 UTC, waiting for the active run to end", page.Find("dl.facts").TextContent, StringComparison.Ordinal);
    }

    private static readonly ScheduleSpec Every5Minutes = new(ScheduleKind.Interval, EverySeconds: 300);

    private static CronJobView Job(string name, ScheduleSpec schedule, bool paused = false)
    {
        var definition = new CronJobDefinition(name, "ada", "cli", null, "{}", schedule, ConcurrencyPolicy.Forbid, new MisfirePolicy(), new RetryPolicy(), 0, null, 3600);
        return new CronJobView(Guid.NewGuid(), definition, !paused, paused, false, false, null, paused ? null : At, paused ? null : At, null, null, null, [], 4, null, At, At, 2, 10);
    }
}
