using Journal.Domain.Cron.Jobs;
using static Journal.Domain.Tests.Cron.Jobs.CronJobFixtures;

namespace Journal.Domain.Tests.Cron.Jobs;

/// The concurrency policies against every state a run can be in, and the misfire policies against
/// outages of different lengths, as tables. Events are compared in their short form (see Describe).
public class CronPolicyMatrixSpecs
{
    private static readonly DateTimeOffset At1201 = T0 + Minute;
    private static readonly DateTimeOffset At1202 = T0 + (2 * Minute);
    private static readonly DateTimeOffset At1203 = T0 + (3 * Minute);

    [Theory]
    [InlineData(ConcurrencyPolicy.Forbid, "idle", "started:schedule@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.Replace, "idle", "started:schedule@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.QueueOne, "idle", "started:schedule@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.Forbid, "active", "skipped:concurrency_forbid@12:02x1")]
    [InlineData(ConcurrencyPolicy.Replace, "active", "cancelled:replaced started:schedule@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.QueueOne, "active", "queued@12:02")]
    [InlineData(ConcurrencyPolicy.Forbid, "active+queued", "skipped:concurrency_forbid@12:03x1")]
    [InlineData(ConcurrencyPolicy.Replace, "active+queued", "cancelled:replaced started:schedule@12:03x1#1")]
    [InlineData(ConcurrencyPolicy.QueueOne, "active+queued", "skipped:queue_full@12:03x1")]
    [InlineData(ConcurrencyPolicy.Forbid, "stale", "stale started:schedule@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.Replace, "stale", "stale started:schedule@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.QueueOne, "stale", "stale started:schedule@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.QueueOne, "stale+queued", "stale started:queued@12:02x1#1")]
    [InlineData(ConcurrencyPolicy.Forbid, "paused+active", "")]
    [InlineData(ConcurrencyPolicy.QueueOne, "finished+queued", "started:queued@12:02x1#1")]
    public void Given_a_run_state_When_the_next_tick_is_due_Then_the_concurrency_policy_decides(ConcurrencyPolicy policy, string runState, string expected)
    {
        var created = Created(Every(concurrency: policy));
        var (history, now) = runState switch
        {
            "idle" => (new ICronJobEvent[] { created, Started(Run1, At1201), new CronRunSucceeded(JobId, Run1, At1201.AddSeconds(20)) }, At1202.AddSeconds(10)),
            "active" => ([created, Started(Run1, At1201)], At1202.AddSeconds(10)),
            "active+queued" => ([created, Started(Run1, At1201), new CronRunQueued(JobId, At1202, At1203, At1202)], At1203.AddSeconds(10)),
            "stale" => ([created, Started(Run1, At1201, timeoutSeconds: 60)], At1202.AddSeconds(10)),
            "stale+queued" => ([created, Started(Run1, At1201, timeoutSeconds: 60), new CronRunQueued(JobId, At1202, At1203, At1202)], At1202.AddSeconds(10)),
            "paused+active" => ([created, Started(Run1, At1201), new CronJobPaused(JobId, "bob", At1201)], At1202.AddSeconds(10)),
            "finished+queued" => ([created, Started(Run1, At1201), new CronRunQueued(JobId, At1202, At1203, At1202), new CronRunSucceeded(JobId, Run1, At1202)], At1202.AddSeconds(10)),
            _ => throw new ArgumentOutOfRangeException(nameof(runState)),
        };

        var events = Decide(Tick(now), history);

        Assert.Equal(expected, Describe(events));
    }

    [Theory]
    [InlineData("Skip", 30, "started:schedule@12:01x1#1")]
    [InlineData("CatchUp", 30, "started:schedule@12:01x1#1")]
    [InlineData("CatchUpReview", 30, "started:schedule@12:01x1#1")]
    [InlineData("SkipReview", 30, "started:schedule@12:01x1#1")]
    [InlineData("Skip", 90, "skipped:misfire@12:01x2")]
    [InlineData("CatchUp", 90, "planned[12:01x1,12:02x1] started:catch_up@12:01x1#1")]
    [InlineData("Skip", 300, "skipped:misfire@12:01x6")]
    [InlineData("CatchUp", 300, "planned[12:01x1,12:02x1,12:03x4] started:catch_up@12:01x1#1")]
    [InlineData("CatchUpReview", 300, "planned[12:01x1,12:02x1,12:03x4] started:catch_up@12:01x1#1")]
    [InlineData("SkipReview", 300, "skipped:misfire@12:01x6")]
    [InlineData("Skip", 7200, "skipped:misfire@12:01x121")]
    [InlineData("CatchUp", 7200, "planned[12:01x1,12:02x1,12:03x119] started:catch_up@12:01x1#1")]
    [InlineData("CatchUpReview", 7200, "review@12:01x121")]
    [InlineData("SkipReview", 7200, "review@12:01x121")]
    public void Given_an_outage_When_the_scheduler_comes_back_Then_the_misfire_policy_decides(string policy, int outageSeconds, string expected)
    {
        var review = TimeSpan.FromMinutes(10).TotalSeconds;
        var misfire = policy switch
        {
            "Skip" => new MisfirePolicy(MisfireAction.Skip),
            "CatchUp" => new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 3),
            "CatchUpReview" => new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 3, ReviewAfterSeconds: (long)review),
            "SkipReview" => new MisfirePolicy(MisfireAction.Skip, ReviewAfterSeconds: (long)review),
            _ => throw new ArgumentOutOfRangeException(nameof(policy)),
        };

        var events = Decide(Tick(At1201.AddSeconds(outageSeconds)), Created(Every(misfire: misfire)));

        Assert.Equal(expected, Describe(events));
    }

    [Fact]
    public void Given_a_catch_up_in_progress_When_each_run_finishes_Then_the_next_planned_run_starts_and_a_new_tick_waits_its_turn()
    {
        var created = Created(Every(misfire: new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 3)));
        var now = At1201.AddMinutes(5);
        var first = Decide(Tick(now, Run1), created);
        var afterFirst = first.Append(new CronRunSucceeded(JobId, Run1, now.AddSeconds(5))).Prepend(created).ToArray();

        var second = Decide(Tick(now.AddSeconds(6), Run2), afterFirst);
        var third = Decide(Tick(now.AddSeconds(8), Run3), [.. afterFirst, .. second, new CronRunSucceeded(JobId, Run2, now.AddSeconds(7))]);

        Assert.Equal("started:catch_up@12:02x1#1", Describe(second));
        Assert.Equal("started:catch_up@12:03x4#1", Describe(third));
    }

    [Fact]
    public void Given_a_job_in_review_When_ticked_Then_nothing_runs_until_an_operator_decides()
    {
        var created = Created(Every(misfire: new MisfirePolicy(MisfireAction.Skip, ReviewAfterSeconds: 600)));
        var review = new CronJobReviewRequired(JobId, At1201, At1201.AddHours(2), 121, At1201.AddHours(2));

        var events = Decide(Tick(At1201.AddHours(3)), created, review);

        Assert.Empty(events);
    }

    [Fact]
    public void Given_a_job_in_review_When_the_operator_skips_Then_the_missed_ticks_are_denied_and_the_job_goes_on_from_now()
    {
        var created = Created(Every(misfire: new MisfirePolicy(MisfireAction.Skip, ReviewAfterSeconds: 600)));
        var review = new CronJobReviewRequired(JobId, At1201, At1201.AddHours(2), 121, At1201.AddHours(2));
        var now = At1201.AddHours(3).AddSeconds(30);

        var events = Decide(new DecideCronReview(JobId, ReviewDecision.Skip, "ops", TimeZoneInfo.Utc, now), created, review);

        Assert.Equal("denied:review_skipped@12:01x181 decided:Skip", Describe(events));
        Assert.Equal(At1201.AddHours(3).AddMinutes(1), Assert.IsType<CronJobReviewDecided>(events[1]).NextDueAt);
    }

    [Fact]
    public void Given_a_job_in_review_When_the_operator_runs_Then_a_catch_up_is_planned_for_the_scheduler_to_start()
    {
        var created = Created(Every(misfire: new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 2, ReviewAfterSeconds: 600)));
        var review = new CronJobReviewRequired(JobId, At1201, At1201.AddHours(2), 121, At1201.AddHours(2));
        var now = At1201.AddHours(2).AddSeconds(30);

        var decided = Decide(new DecideCronReview(JobId, ReviewDecision.Run, "ops", TimeZoneInfo.Utc, now), created, review);
        var next = Decide(Tick(now), [created, review, .. decided]);

        Assert.Equal("decided:Run planned[12:01x1,12:02x120]", Describe(decided));
        Assert.Equal("started:catch_up@12:01x1#1", Describe(next));
    }

    [Fact]
    public void Given_a_job_not_in_review_When_an_operator_decides_Then_not_in_review() =>
        Job.Given(Created())
            .When(new DecideCronReview(JobId, ReviewDecision.Run, "ops", TimeZoneInfo.Utc, At1201))
            .ThenThrows<Journal.Domain.Errors.RuleViolationException>("cron.not_in_review");
}
