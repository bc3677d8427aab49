using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Projections.Cron;
using Journal.Projections.Tests.Support;
using static Journal.Projections.Tests.Cron.CronTestData;
using Journal.Application.Cron;

namespace Journal.Projections.Tests.Cron;

/// Two schedulers on the same tape, driven by one manual clock.
public sealed class CronSchedulerRaceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly AdjustableClock _clock = new(Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunDueAsync_of_the_loser_writes_nothing_when_the_other_scheduler_claims_the_tick_between_its_decision_and_its_append()
    {
        await using var a = new CronHost(_dir.Path, _clock, "a");
        await using var b = new CronHost(_dir.Path, _clock, "b", gated: true);
        await a.StartAsync();
        await b.StartAsync();
        var jobId = Guid.NewGuid();
        await a.Send(EveryMinute(jobId));
        _clock.Advance(TimeSpan.FromMinutes(1));

        // B decides the tick and waits at its append; A decides and appends; then B's append goes ahead.
        var losing = b.Scheduler.RunDueAsync(default);
        await b.Gate!.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var won = await a.Scheduler.RunDueAsync(default);
        b.Gate.Open();
        var lost = await losing;

        Assert.Equal(new CronPass(1, 1, 0, 1), won);
        Assert.Equal(new CronPass(1, 0, 1, 0), lost);
        Assert.Equal(["cron.job_created.v1", "cron.run_started.v1"], await EventTypesOf(a.Store, jobId));
        Assert.Single(a.Recorder.Claims);
        Assert.Empty(b.Recorder.Claims);
    }

    [Fact]
    public async Task RunDueAsync_of_a_scheduler_whose_skip_lost_to_a_finished_run_decides_again_and_starts_the_due_run()
    {
        await using var a = new CronHost(_dir.Path, _clock, "a");
        await using var b = new CronHost(_dir.Path, _clock, "b", gated: true);
        await a.StartAsync();
        await b.StartAsync();
        var jobId = Guid.NewGuid();
        await a.Send(EveryMinute(jobId, timeoutSeconds: 3600));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await a.Scheduler.RunDueAsync(default);
        var first = Assert.Single(a.Recorder.Claims);
        _clock.Advance(TimeSpan.FromMinutes(1));

        // B decides to skip the tick (a run is active, concurrency Forbid) and waits at its append; the run finishes meanwhile.
        var deciding = b.Scheduler.RunDueAsync(default);
        await b.Gate!.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        await a.Send(new FinishCronRunRequest(jobId, first.RunId, CronRunOutcome.Succeeded));
        b.Gate.Open();
        var pass = await deciding;

        Assert.Equal(new CronPass(1, 1, 0, 1), pass);
        var second = Assert.Single(b.Recorder.Claims);
        Assert.Equal((Start.AddMinutes(2), "schedule"), (second.Tick, second.Trigger));
        Assert.Equal(["cron.job_created.v1", "cron.run_started.v1", "cron.run_succeeded.v1", "cron.run_started.v1"], await EventTypesOf(a.Store, jobId));
    }

    [Fact]
    public async Task RunDueAsync_on_two_schedulers_at_once_starts_exactly_one_run_per_job_and_tick()
    {
        await using var a = new CronHost(_dir.Path, _clock, "a");
        await using var b = new CronHost(_dir.Path, _clock, "b");
        await a.StartAsync();
        await b.StartAsync();
        var jobs = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        foreach (var job in jobs)
        {
            await a.Send(EveryMinute(job, concurrency: ConcurrencyPolicy.Replace));
        }

        var passes = new List<CronPass>();
        for (var tick = 1; tick <= 3; tick++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            passes.AddRange(await Task.WhenAll(Task.Run(() => a.Scheduler.RunDueAsync(default)), Task.Run(() => b.Scheduler.RunDueAsync(default))));
        }

        foreach (var job in jobs)
        {
            var starts = (await a.Query(new ListCronRunsQuery(job, MinPosition: (await a.Store.ReadHeadAsync(default)).Seq))).Items.Where(r => r.Status != CronRunStatus.Skipped).ToList();
            Assert.Equal([Start.AddMinutes(3), Start.AddMinutes(2), Start.AddMinutes(1)], starts.Select(r => r.Tick));
        }

        var claims = a.Recorder.Claims.Concat(b.Recorder.Claims).ToList();
        Assert.Equal(jobs.Count * 3, claims.Count);
        Assert.Equal(jobs.Count * 3, claims.Select(c => (c.JobId, c.Tick)).Distinct().Count());
        Assert.Equal(jobs.Count * 3, passes.Sum(p => p.Claimed));
    }
}
