using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Projections.Cron;
using Journal.Projections.Tests.Support;
using static Journal.Projections.Tests.Cron.CronTestData;

namespace Journal.Projections.Tests.Cron;

/// The scheduler after downtime, on a manual clock: misfire policies, review, and stale runs at restart.
public sealed class CronSchedulerOutageTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly AdjustableClock _clock = new(Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunDueAsync_after_an_outage_with_CatchUp_runs_the_missed_ticks_one_by_one_and_collapses_the_rest()
    {
        await using var host = new CronHost(_dir.Path, _clock);
        await host.StartAsync();
        var jobId = Guid.NewGuid();
        await host.Send(EveryMinute(jobId, misfire: new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 3), timeoutSeconds: 600));
        _clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(30)));

        var runs = new List<CronRunClaimedSummary>();
        for (var i = 0; i < 3; i++)
        {
            var pass = await host.Scheduler.RunDueAsync(default);
            Assert.Equal(1, pass.Claimed);
            var claimed = host.Recorder.Claims.Last();
            runs.Add(new(claimed.Tick, claimed.Ticks, claimed.Trigger));
            await host.Send(new FinishCronRunRequest(jobId, claimed.RunId, CronRunOutcome.Succeeded));
        }

        var idle = await host.Scheduler.RunDueAsync(default);
        var job = await host.Query(new GetCronJobQuery(jobId, 2, (await host.Store.ReadHeadAsync(default)).Seq));

        Assert.Equal(
            [new(Start.AddMinutes(1), 1, "catch_up"), new(Start.AddMinutes(2), 1, "catch_up"), new(Start.AddMinutes(3), 8, "catch_up")],
            runs);
        Assert.Equal(0, idle.Claimed);
        Assert.Equal(Start.AddMinutes(11), job.Job.NextRunAt);
        Assert.Equal([Start.AddMinutes(11), Start.AddMinutes(12)], job.NextRuns);
    }

    [Fact]
    public async Task RunDueAsync_after_an_outage_with_Skip_records_one_skipped_run_for_the_missed_ticks_and_runs_the_next_future_tick()
    {
        await using var host = new CronHost(_dir.Path, _clock);
        await host.StartAsync();
        var jobId = Guid.NewGuid();
        await host.Send(EveryMinute(jobId));
        _clock.Advance(TimeSpan.FromMinutes(30).Add(TimeSpan.FromSeconds(10)));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var pass = await host.Scheduler.RunDueAsync(cts.Token);
        _clock.Advance(TimeSpan.FromSeconds(50));
        var next = await host.Scheduler.RunDueAsync(cts.Token);
        var history = await host.Query(new ListCronRunsQuery(jobId, MinPosition: (await host.Store.ReadHeadAsync(default)).Seq));

        Assert.Equal(0, pass.Claimed);
        Assert.Equal(1, next.Claimed);
        Assert.Collection(
            history.Items,
            run => Assert.Equal((CronRunStatus.Active, Start.AddMinutes(31), 1), (run.Status, run.Tick, run.Ticks)),
            skipped => Assert.Equal((CronRunStatus.Skipped, "misfire", Start.AddMinutes(1), 30), (skipped.Status, skipped.Reason, skipped.Tick, skipped.Ticks)));
    }

    [Fact]
    public async Task RunDueAsync_after_an_outage_longer_than_the_review_window_runs_nothing_until_an_operator_decides()
    {
        await using var host = new CronHost(_dir.Path, _clock);
        await host.StartAsync();
        var jobId = Guid.NewGuid();
        await host.Send(EveryMinute(jobId, misfire: new MisfirePolicy(MisfireAction.CatchUp, MaxCatchUp: 2, ReviewAfterSeconds: 900)));
        _clock.Advance(TimeSpan.FromHours(2));

        var first = await host.Scheduler.RunDueAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var whileInReview = await host.Scheduler.RunDueAsync(default);
        var health = await host.Query(new GetCronHealthQuery((await host.Store.ReadHeadAsync(default)).Seq));
        await host.Send(new DecideCronReviewRequest(jobId, ReviewDecision.Run, "ops"));
        var decided = await host.Scheduler.RunDueAsync(default);

        Assert.Equal((0, 1), (first.Claimed, first.EventsWritten));
        Assert.Equal((0, 0), (whileInReview.Claimed, whileInReview.EventsWritten));
        Assert.Equal(1, health.JobsInReview);
        Assert.Equal(0, health.DueBacklog);
        Assert.Equal(1, decided.Claimed);
        var claim = host.Recorder.Claims.Single();
        Assert.Equal((Start.AddMinutes(1), 1, "catch_up"), (claim.Tick, claim.Ticks, claim.Trigger));
    }

    [Fact]
    public async Task StartupPass_fails_runs_a_crashed_process_left_active_past_their_timeout_and_schedules_their_retry()
    {
        var jobId = Guid.NewGuid();
        Guid runId;
        await using (var crashed = new CronHost(_dir.Path, _clock, "crashed"))
        {
            await crashed.StartAsync();
            await crashed.Send(EveryMinute(jobId, retry: new RetryPolicy(3, 10, 60), timeoutSeconds: 120));
            _clock.Advance(TimeSpan.FromMinutes(1));
            await crashed.Scheduler.RunDueAsync(default);
            runId = crashed.Recorder.Claims.Single().RunId;
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        await using var restarted = new CronHost(_dir.Path, _clock, "restarted", runScheduler: true);
        await restarted.StartAsync();
        await restarted.Scheduler.StartupPass.WaitAsync(TimeSpan.FromSeconds(30));
        var head = (await restarted.Store.ReadHeadAsync(default)).Seq;
        var run = await restarted.Query(new GetCronRunQuery(runId, head));
        var active = await restarted.Query(new ListActiveCronRunsQuery(MinPosition: head));

        Assert.Equal(CronRunStatus.StaleFailed, run.Status);
        Assert.NotNull(run.RetryAt);
        Assert.DoesNotContain(active, r => r.RunId == runId);
        Assert.Contains("cron.run_stale_failed.v1", await CronTestData.EventTypesOf(restarted.Store, jobId));
    }

    private sealed record CronRunClaimedSummary(DateTimeOffset Tick, int Ticks, string Trigger);
}
