using Journal.Domain.Cron.Jobs;
using Journal.Domain.Errors;
using static Journal.Domain.Tests.Cron.Jobs.CronJobFixtures;

namespace Journal.Domain.Tests.Cron.Jobs;

/// "Run now": a request the scheduler's next look starts as a run with trigger manual, by the job's policies.
public class CronRunNowSpecs
{
    private static readonly DateTimeOffset At1201 = T0 + Minute;
    private static readonly DateTimeOffset Asked = T0.AddSeconds(20);

    private static RunCronJobNow RunNow(Guid runId, DateTimeOffset? at = null) => new(JobId, runId, "bob", at ?? Asked);

    private static CronRunRequested Requested(Guid runId, DateTimeOffset? at = null) => new(JobId, runId, "bob", at ?? Asked);

    private static CronJobState Fold(params ICronJobEvent[] history) => history.Aggregate(CronJobDecider.Initial, CronJobDecider.Evolve);

    [Fact]
    public void Given_created_When_run_now_Then_requested_and_the_job_wakes_at_once_not_at_its_next_tick()
    {
        var requested = Job.Given(Created()).When(RunNow(Run1)).Then(Requested(Run1));

        Assert.Equal(Asked, Fold([Created(), .. requested]).WakeAt);
        Assert.Equal(At1201, Fold(Created()).WakeAt);
    }

    [Fact]
    public void Given_a_request_When_the_scheduler_looks_Then_a_manual_run_starts_with_the_requested_id_and_the_schedule_is_kept()
    {
        var events = Decide(Tick(Asked.AddMilliseconds(5), Run2), Created(), Requested(Run1));

        var started = Assert.IsType<CronRunStarted>(Assert.Single(events));
        Assert.Equal(new CronRunStarted(JobId, Run1, Asked, 1, 1, CronRunReasons.Manual, Asked.AddMilliseconds(5).AddSeconds(600), At1201, Asked.AddMilliseconds(5)), started);
        var after = Fold(Created(), Requested(Run1), started);
        Assert.Null(after.Manual);
        Assert.Equal(1, after.RunsStarted);
    }

    [Fact]
    public void Given_a_deleted_job_When_run_now_Then_cron_job_not_found() =>
        Job.Given(Created(), new CronJobDeleted(JobId, "bob", T0.AddSeconds(5))).When(RunNow(Run1)).ThenThrows<NotFoundException>("cron_job.not_found");

    [Fact]
    public void Given_the_empty_run_id_When_run_now_Then_run_id_is_invalid() =>
        Job.Given(Created()).When(RunNow(Guid.Empty)).ThenInvalid("runId");

    [Fact]
    public void Given_an_active_run_under_Forbid_When_run_now_Then_run_active() =>
        Job.Given(Created(), Started(Run1, At1201)).When(RunNow(Run2, At1201.AddSeconds(5))).ThenThrows<RuleViolationException>("cron.run_active");

    [Fact]
    public void Given_an_active_run_under_Replace_When_run_now_Then_the_active_run_is_cancelled_and_the_manual_run_starts_at_the_next_look()
    {
        var history = new ICronJobEvent[] { Created(Every(concurrency: ConcurrencyPolicy.Replace)), Started(Run1, At1201) };
        var asked = At1201.AddSeconds(5);

        var decided = Decide(RunNow(Run2, asked), history);
        var next = Decide(Tick(asked, Run3), [.. history, .. decided]);

        Assert.Equal([new CronRunCancelled(JobId, Run1, CronRunReasons.Replaced, asked), Requested(Run2, asked)], decided);
        Assert.Equal("started:manual@12:01x1#1", Describe(next));
        Assert.Equal(Run2, Assert.IsType<CronRunStarted>(next.Single()).RunId);
    }

    [Fact]
    public void Given_an_active_run_under_QueueOne_When_run_now_Then_it_waits_as_the_pending_run_and_starts_when_the_active_one_ends()
    {
        var history = new ICronJobEvent[] { Created(Every(concurrency: ConcurrencyPolicy.QueueOne)), Started(Run1, At1201) };
        var asked = At1201.AddSeconds(5);

        var decided = Decide(RunNow(Run2, asked), history);
        var whileActive = Decide(Tick(At1201 + Minute, Run3), [.. history, .. decided]);
        var finished = new CronRunSucceeded(JobId, Run1, At1201 + Minute + TimeSpan.FromSeconds(1));
        var afterFinish = Decide(Tick(finished.At, Run3), [.. history, .. decided, .. whileActive, finished]);

        Assert.Equal([Requested(Run2, asked)], decided);
        Assert.Equal("skipped:queue_full@12:02x1", Describe(whileActive));
        Assert.Equal("started:manual@12:01x1#1", Describe(afterFinish));
    }

    [Fact]
    public void Given_an_active_run_and_a_queued_tick_under_QueueOne_When_run_now_Then_queue_full() =>
        Job.Given(Created(Every(concurrency: ConcurrencyPolicy.QueueOne)), Started(Run1, At1201), new CronRunQueued(JobId, At1201 + Minute, At1201 + (2 * Minute), At1201 + Minute))
            .When(RunNow(Run2, At1201 + Minute))
            .ThenThrows<RuleViolationException>("cron.queue_full");

    [Fact]
    public void Given_max_runs_one_When_a_manual_run_starts_Then_it_counts_the_job_disables_itself_and_run_now_is_refused()
    {
        var history = new ICronJobEvent[] { Created(Every(maxRuns: 1)), Requested(Run1) };

        var started = Decide(Tick(Asked, Run2), history);
        var finished = new CronRunSucceeded(JobId, Run1, Asked.AddSeconds(5));

        Assert.Equal("started:manual@12:00x1#1 disabled:max_runs", Describe(started));
        Job.Given([.. history, .. started, finished]).When(RunNow(Run3, Asked.AddSeconds(6))).ThenThrows<RuleViolationException>("cron.max_runs_reached");
    }

    [Fact]
    public void Given_a_one_shot_job_that_ran_and_disabled_itself_When_run_now_Then_the_scheduler_runs_it_again_and_it_stays_disabled()
    {
        var at = T0.AddHours(1);
        var created = new CronJobCreated(JobId, Every() with { Schedule = new ScheduleSpec(ScheduleKind.Once, At: at) }, at, T0);
        var ran = Decide(Tick(at, Run1), created);
        ICronJobEvent[] history = [created, .. ran, new CronRunSucceeded(JobId, Run1, at.AddSeconds(5))];
        var asked = at.AddMinutes(10);

        var requested = Decide(RunNow(Run2, asked), history);
        var wake = Fold([.. history, .. requested]).WakeAt;
        var started = Decide(Tick(asked, Run3), [.. history, .. requested]);
        var after = Fold([.. history, .. requested, .. started]);

        Assert.Equal([Requested(Run2, asked)], requested);
        Assert.Equal(asked, wake);
        Assert.Equal("started:manual@13:10x1#1", Describe(started));
        Assert.True(after.Disabled);
        Assert.Null(after.NextFireAt);
        Assert.Equal(2, after.RunsStarted);
    }

    [Fact]
    public void Given_a_paused_job_When_run_now_Then_job_paused() =>
        Job.Given(Created(), new CronJobPaused(JobId, "bob", T0.AddSeconds(5))).When(RunNow(Run1)).ThenThrows<RuleViolationException>("cron.job_paused");

    [Fact]
    public void Given_a_job_in_review_When_run_now_Then_in_review() =>
        Job.Given(Created(), new CronJobReviewRequired(JobId, At1201, At1201, 1, T0.AddHours(2)))
            .When(RunNow(Run1, T0.AddHours(2)))
            .ThenThrows<RuleViolationException>("cron.in_review");

    [Fact]
    public void Given_a_waiting_request_When_run_now_again_Then_the_same_run_changes_nothing_and_another_is_refused()
    {
        Job.Given(Created(), Requested(Run1)).When(RunNow(Run1)).ThenNothing();
        Job.Given(Created(), Requested(Run1)).When(RunNow(Run2)).ThenThrows<RuleViolationException>("cron.run_requested");
    }

    [Fact]
    public void Given_a_waiting_request_When_the_job_is_deleted_or_updated_Then_the_request_is_dropped()
    {
        var deleted = Fold(Created(), Requested(Run1), new CronJobDeleted(JobId, "bob", Asked.AddSeconds(1)));
        var updated = Fold(Created(), Requested(Run1), new CronJobUpdated(JobId, Every(TimeSpan.FromMinutes(5)), T0.AddMinutes(5), Asked.AddSeconds(1)));

        Assert.Null(deleted.Manual);
        Assert.Null(deleted.WakeAt);
        Assert.Null(updated.Manual);
        Assert.Equal(T0.AddMinutes(5), updated.WakeAt);
    }
}
