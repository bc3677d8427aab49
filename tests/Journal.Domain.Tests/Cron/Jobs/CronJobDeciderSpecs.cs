using Journal.Domain.Cron.Jobs;
using Journal.Domain.Errors;
using static Journal.Domain.Tests.Cron.Jobs.CronJobFixtures;

namespace Journal.Domain.Tests.Cron.Jobs;

public class CronJobDeciderSpecs
{
    private static readonly DateTimeOffset At1201 = T0 + Minute;

    [Fact]
    public void Given_nothing_When_create_Then_created_with_the_first_tick_after_now() =>
        Job.Given()
            .When(new CreateCronJob(JobId, Every(), TimeZoneInfo.Utc, T0.AddSeconds(10)))
            .Then(new CronJobCreated(JobId, Every(), At1201, T0.AddSeconds(10)));

    [Fact]
    public void Given_nothing_When_create_a_cron_job_in_Prague_Then_its_first_tick_is_the_wall_clock_time_there()
    {
        var definition = Every() with { Schedule = new ScheduleSpec(ScheduleKind.Cron, "0 9 * * *", "Europe/Prague") };

        var created = Assert.IsType<CronJobCreated>(Decide(new CreateCronJob(JobId, definition, TimeZoneInfo.Utc, T0)).Single());

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.Zero), created.NextDueAt!.Value.ToUniversalTime());
    }

    [Fact]
    public void Given_created_When_create_again_Then_job_exists() =>
        Job.Given(Created()).When(new CreateCronJob(JobId, Every(), TimeZoneInfo.Utc, T0)).ThenThrows<RuleViolationException>("cron.job_exists");

    public static TheoryData<string, CronJobDefinition> InvalidDefinitions()
    {
        var ok = Every();
        return new()
        {
            { "name", ok with { Name = " " } },
            { "name", ok with { Name = new string('n', CronJobLimits.NameMaxLength + 1) } },
            { "owner", ok with { Owner = "" } },
            { "channel", ok with { Channel = "has space" } },
            { "sessionKey", ok with { SessionKey = "a/b" } },
            { "payload", ok with { Payload = "{not json" } },
            { "payload", ok with { Payload = "" } },
            { "schedule", ok with { Schedule = new ScheduleSpec(ScheduleKind.Once, At: T0.AddMinutes(-1)) } },
            { "schedule", ok with { Schedule = new ScheduleSpec(ScheduleKind.Cron, "61 * * * *") } },
            { "schedule", ok with { Schedule = new ScheduleSpec(ScheduleKind.Cron, "0 0 30 2 *") } },
            { "schedule", ok with { Schedule = new ScheduleSpec(ScheduleKind.Cron, "0 9 * * *", "Mars/Olympus") } },
            { "schedule", ok with { Schedule = new ScheduleSpec(ScheduleKind.Interval, EverySeconds: 0, Anchor: T0) } },
            { "schedule", ok with { Schedule = new ScheduleSpec(ScheduleKind.Interval, "* * * * *", EverySeconds: 60, Anchor: T0) } },
            { "concurrency", ok with { Concurrency = (ConcurrencyPolicy)7 } },
            { "misfire.action", ok with { Misfire = new MisfirePolicy((MisfireAction)7) } },
            { "misfire.maxCatchUp", ok with { Misfire = new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 0) } },
            { "misfire.maxCatchUp", ok with { Misfire = new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 101) } },
            { "misfire.graceSeconds", ok with { Misfire = new MisfirePolicy(GraceSeconds: -1) } },
            { "misfire.reviewAfterSeconds", ok with { Misfire = new MisfirePolicy(ReviewAfterSeconds: 0) } },
            { "retry.maxAttempts", ok with { Retry = new RetryPolicy(0) } },
            { "retry.maxAttempts", ok with { Retry = new RetryPolicy(17) } },
            { "retry.baseBackoffSeconds", ok with { Retry = new RetryPolicy(3, 0) } },
            { "retry.maxDelaySeconds", ok with { Retry = new RetryPolicy(3, 60, 30) } },
            { "jitterSeconds", ok with { JitterSeconds = -1 } },
            { "maxRuns", ok with { MaxRuns = 0 } },
            { "timeoutSeconds", ok with { TimeoutSeconds = 0 } },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void Given_nothing_When_create_an_invalid_job_Then_the_field_is_named(string field, CronJobDefinition definition) =>
        Job.Given().When(new CreateCronJob(JobId, definition, TimeZoneInfo.Utc, T0)).ThenInvalid(field);

    [Fact]
    public void Given_nothing_When_tick_Then_cron_job_not_found() =>
        Job.Given().When(Tick(T0)).ThenThrows<NotFoundException>("cron_job.not_found");

    [Fact]
    public void Given_created_When_tick_before_the_first_tick_Then_nothing() =>
        Job.Given(Created()).When(Tick(At1201.AddSeconds(-1))).ThenNothing();

    [Fact]
    public void Given_created_When_tick_at_the_first_tick_Then_the_run_is_claimed_with_its_timeout_and_the_next_tick() =>
        Job.Given(Created()).When(Tick(At1201, Run1)).Then(Started(Run1, At1201));

    [Fact]
    public void Given_an_active_run_When_delete_Then_run_active() =>
        Job.Given(Created(), Started(Run1, At1201)).When(new DeleteCronJob(JobId, "bob", At1201)).ThenThrows<RuleViolationException>("cron.run_active");

    [Fact]
    public void Given_a_finished_run_When_delete_Then_deleted_and_later_commands_find_no_job()
    {
        var history = new ICronJobEvent[] { Created(), Started(Run1, At1201), new CronRunSucceeded(JobId, Run1, At1201.AddSeconds(5)) };

        var deleted = Decide(new DeleteCronJob(JobId, "bob", At1201.AddSeconds(6)), history);

        Assert.Equal([new CronJobDeleted(JobId, "bob", At1201.AddSeconds(6))], deleted);
        Job.Given([.. history, .. deleted]).When(Tick(At1201.AddMinutes(5))).ThenThrows<NotFoundException>("cron_job.not_found");
    }

    [Fact]
    public void Given_an_active_run_When_another_run_is_finished_Then_run_not_active() =>
        Job.Given(Created(), Started(Run1, At1201))
            .When(new FinishCronRun(JobId, Run2, CronRunOutcome.Succeeded, null, At1201.AddSeconds(5)))
            .ThenThrows<RuleViolationException>("cron.run_not_active");

    [Fact]
    public void Given_an_active_run_When_it_succeeds_with_an_error_text_Then_error_is_invalid() =>
        Job.Given(Created(), Started(Run1, At1201))
            .When(new FinishCronRun(JobId, Run1, CronRunOutcome.Succeeded, "oops", At1201.AddSeconds(5)))
            .ThenInvalid("error");

    [Fact]
    public void Given_an_active_run_When_it_fails_without_an_error_Then_error_is_invalid() =>
        Job.Given(Created(), Started(Run1, At1201))
            .When(new FinishCronRun(JobId, Run1, CronRunOutcome.Failed, null, At1201.AddSeconds(5)))
            .ThenInvalid("error");

    [Fact]
    public void Given_one_attempt_When_the_run_fails_Then_failed_and_no_retry() =>
        Job.Given(Created(), Started(Run1, At1201))
            .When(new FinishCronRun(JobId, Run1, CronRunOutcome.Failed, "exit 1", At1201.AddSeconds(5)))
            .Then(new CronRunFailed(JobId, Run1, "exit 1", At1201.AddSeconds(5)));

    [Fact]
    public void Given_three_attempts_When_the_first_fails_Then_a_retry_is_scheduled_after_the_deterministic_backoff()
    {
        var retry = new RetryPolicy(3, 30, 600);
        var failedAt = At1201.AddSeconds(5);

        var events = Decide(new FinishCronRun(JobId, Run1, CronRunOutcome.Failed, "exit 1", failedAt), Created(Every(retry: retry)), Started(Run1, At1201));

        var scheduled = Assert.IsType<CronRunRetryScheduled>(events[1]);
        Assert.Equal(2, scheduled.Attempt);
        Assert.Equal(At1201, scheduled.Tick);
        Assert.Equal(failedAt + CronJitter.Backoff(JobId, At1201, 1, retry), scheduled.RetryAt);
        Assert.InRange(scheduled.RetryAt - failedAt, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Given_a_scheduled_retry_When_ticked_before_and_after_it_is_due_Then_only_the_second_starts_attempt_two()
    {
        var retryAt = At1201.AddSeconds(30);
        var history = new ICronJobEvent[]
        {
            Created(Every(retry: new RetryPolicy(3, 30, 600))), Started(Run1, At1201), new CronRunFailed(JobId, Run1, "exit 1", At1201.AddSeconds(5)),
            new CronRunRetryScheduled(JobId, Run1, At1201, 1, 2, retryAt, At1201.AddSeconds(5)),
        };

        Assert.Empty(Decide(Tick(retryAt.AddSeconds(-1)), history));
        Assert.Equal("started:retry@12:01x1#2", Describe(Decide(Tick(retryAt), history)));
    }

    [Fact]
    public void Given_the_last_attempt_When_it_goes_stale_Then_stale_failed_and_no_retry()
    {
        var history = new ICronJobEvent[] { Created(Every(retry: new RetryPolicy(2, 30, 600))), Started(Run1, At1201, attempt: 2, trigger: CronRunReasons.Retry, timeoutSeconds: 20) };

        var events = Decide(Tick(At1201.AddSeconds(25)), history);

        Assert.Equal("stale", Describe(events));
    }

    [Fact]
    public void Given_a_one_shot_job_When_its_time_comes_Then_it_runs_and_disables_itself()
    {
        var at = T0.AddHours(1);
        var definition = Every() with { Schedule = new ScheduleSpec(ScheduleKind.Once, At: at) };
        var created = new CronJobCreated(JobId, definition, at, T0);

        var events = Decide(Tick(at, Run1), created);
        var state = events.Aggregate(CronJobDecider.Evolve(CronJobDecider.Initial, created), CronJobDecider.Evolve);

        Assert.Equal("started:schedule@13:00x1#1 disabled:schedule_ended", Describe(events));
        Assert.False(state.Enabled);
        Assert.Null(state.NextFireAt);
        Assert.Equal(at.AddSeconds(600), state.WakeAt);
    }

    [Fact]
    public void Given_max_runs_two_When_the_second_run_starts_Then_the_job_disables_itself()
    {
        var created = Created(Every(maxRuns: 2));
        var history = new ICronJobEvent[] { created, Started(Run1, At1201), new CronRunSucceeded(JobId, Run1, At1201.AddSeconds(5)) };

        var events = Decide(Tick(At1201 + Minute), history);

        Assert.Equal("started:schedule@12:02x1#1 disabled:max_runs", Describe(events));
    }

    [Fact]
    public void Given_a_paused_job_When_resumed_later_Then_it_goes_on_from_the_next_tick_after_now_without_the_missed_ones()
    {
        var history = new ICronJobEvent[] { Created(), new CronJobPaused(JobId, "bob", T0.AddSeconds(5)) };
        var resumedAt = T0.AddMinutes(30).AddSeconds(10);

        Assert.Empty(Decide(Tick(T0.AddMinutes(10)), history));
        var resumed = Decide(new ResumeCronJob(JobId, "bob", TimeZoneInfo.Utc, resumedAt), history);

        Assert.Equal([new CronJobResumed(JobId, "bob", T0.AddMinutes(31), resumedAt)], resumed);
    }

    [Fact]
    public void Given_an_unpaused_job_When_resumed_or_a_paused_job_paused_Then_nothing()
    {
        Job.Given(Created()).When(new ResumeCronJob(JobId, null, TimeZoneInfo.Utc, T0)).ThenNothing();
        Job.Given(Created(), new CronJobPaused(JobId, null, T0)).When(new PauseCronJob(JobId, null, T0)).ThenNothing();
    }

    [Fact]
    public void Given_a_queued_run_When_the_job_is_updated_Then_the_new_schedule_starts_from_now_and_the_queue_is_dropped()
    {
        var history = new ICronJobEvent[] { Created(Every(concurrency: ConcurrencyPolicy.QueueOne)), Started(Run1, At1201), new CronRunQueued(JobId, At1201 + Minute, At1201 + (2 * Minute), At1201 + Minute) };
        var hourly = Every(TimeSpan.FromHours(1)) with { Schedule = new ScheduleSpec(ScheduleKind.Interval, EverySeconds: 3600, Anchor: T0) };

        var updated = Decide(new UpdateCronJob(JobId, hourly, TimeZoneInfo.Utc, At1201 + Minute), history);
        var state = Fold(history, updated);

        Assert.Equal(T0.AddHours(1), Assert.IsType<CronJobUpdated>(updated.Single()).NextDueAt);
        Assert.Null(state.Queued);
        Assert.Equal(Run1, state.Active!.RunId);
    }

    [Fact]
    public void Given_jitter_When_the_tick_is_due_Then_it_fires_only_after_the_job_s_fixed_delay_for_that_tick()
    {
        var definition = Every() with { JitterSeconds = 30 };
        var jitter = CronJitter.Of(JobId, At1201, 30);
        var created = Created(definition);

        Assert.InRange(jitter, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal(At1201 + jitter, Fold([created], []).NextFireAt);
        if (jitter > TimeSpan.Zero)
        {
            Assert.Empty(Decide(Tick(At1201 + jitter - TimeSpan.FromMilliseconds(1)), created));
        }

        Assert.Equal("started:schedule@12:01x1#1", Describe(Decide(Tick(At1201 + jitter), created)));
    }

    private static CronJobState Fold(IEnumerable<ICronJobEvent> history, IEnumerable<ICronJobEvent> more) =>
        history.Concat(more).Aggregate(CronJobDecider.Initial, CronJobDecider.Evolve);
}
