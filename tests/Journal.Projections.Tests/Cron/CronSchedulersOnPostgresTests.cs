using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.EventStore.Serialization;
using Journal.Projections.Tests.Support;
using Journal.Testing.Postgres;
using static Journal.Projections.Tests.Cron.CronTestData;

namespace Journal.Projections.Tests.Cron;

/// Two scheduler instances on one PostgreSQL tape, each with its read models in its own directory, driven by one manual clock.
public sealed class CronSchedulersOnPostgresTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private const int Minutes = 60;
    private readonly TempDirectory _dir = new();
    private readonly AdjustableClock _clock = new(Start);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunDueAsync_on_two_instances_at_every_minute_of_an_hour_starts_each_job_and_tick_exactly_once()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("cron" + Guid.NewGuid().ToString("N"));
        await using var a = new CronHost(Path.Combine(_dir.Path, "a"), _clock, "a", postgres: cs);
        await using var b = new CronHost(Path.Combine(_dir.Path, "b"), _clock, "b", postgres: cs);
        await a.StartAsync();
        await b.StartAsync();
        var jobs = Jobs().Select(j => (Id: Guid.NewGuid(), j.Schedule, j.Concurrency, j.FiresAt)).ToList();
        foreach (var job in jobs)
        {
            await a.Send(new CreateCronJobRequest(job.Id, new CronJobSpec("inbox", "ada", "cli", null, "{}", job.Schedule, job.Concurrency, null, null, 0, null, 3600)));
        }

        // Each minute both instances look for due jobs at once; then the executor finishes the runs it was handed,
        // except those of Replace jobs, which the next tick replaces.
        var finished = new Dictionary<CronHost, int> { [a] = 0, [b] = 0 };
        for (var minute = 1; minute <= Minutes; minute++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAll(Task.Run(() => a.Scheduler.RunDueAsync(default)), Task.Run(() => b.Scheduler.RunDueAsync(default)));
            foreach (var host in new[] { a, b })
            {
                foreach (var claim in host.Recorder.Claims.Skip(finished[host]).ToList())
                {
                    if (jobs.Single(j => j.Id == claim.JobId).Concurrency != ConcurrencyPolicy.Replace)
                    {
                        await host.Send(new FinishCronRunRequest(claim.JobId, claim.RunId, CronRunOutcome.Succeeded));
                    }

                    finished[host]++;
                }
            }
        }

        var started = new List<(Guid Job, DateTimeOffset Tick)>();
        await foreach (var recorded in b.Store.ReadAllAsync(1, default))
        {
            if (recorded.EventType == "cron.run_started.v1")
            {
                var run = PayloadSerializer.ToRecord<CronRunStarted>(recorded.Payload!.Value)!;
                started.Add((run.JobId, run.Tick));
            }
        }

        var expected = jobs
            .SelectMany(j => Enumerable.Range(1, Minutes).Where(j.FiresAt).Select(m => (j.Id, Start.AddMinutes(m))))
            .Order()
            .ToList();
        Assert.Equal(expected, started.Order().ToList());
        Assert.Equal(expected.Count, a.Recorder.Claims.Count + b.Recorder.Claims.Count);
        Assert.NotEmpty(a.Recorder.Claims);
        Assert.NotEmpty(b.Recorder.Claims);
    }

    /// A dozen jobs: intervals and cron expressions of different periods under each concurrency policy, with the
    /// minutes (after Start, which is on the hour) at which each fires.
    private static IEnumerable<(ScheduleSpec Schedule, ConcurrencyPolicy Concurrency, Func<int, bool> FiresAt)> Jobs()
    {
        static ScheduleSpec Every(int minutes) => new(ScheduleKind.Interval, EverySeconds: minutes * 60, Anchor: Start);
        static ScheduleSpec Cron(string expression) => new(ScheduleKind.Cron, Expression: expression);

        yield return (Every(1), ConcurrencyPolicy.Forbid, _ => true);
        yield return (Every(1), ConcurrencyPolicy.Replace, _ => true);
        yield return (Every(1), ConcurrencyPolicy.QueueOne, _ => true);
        yield return (Every(2), ConcurrencyPolicy.Forbid, m => m % 2 == 0);
        yield return (Every(3), ConcurrencyPolicy.Replace, m => m % 3 == 0);
        yield return (Every(4), ConcurrencyPolicy.QueueOne, m => m % 4 == 0);
        yield return (Every(7), ConcurrencyPolicy.Forbid, m => m % 7 == 0);
        yield return (Cron("* * * * *"), ConcurrencyPolicy.Replace, _ => true);
        yield return (Cron("*/5 * * * *"), ConcurrencyPolicy.Forbid, m => m % 5 == 0);
        yield return (Cron("*/2 * * * *"), ConcurrencyPolicy.QueueOne, m => m % 2 == 0);
        yield return (Cron("7,19,43 * * * *"), ConcurrencyPolicy.Forbid, m => m is 7 or 19 or 43);
        yield return (Cron("0 * * * *"), ConcurrencyPolicy.Replace, m => m == 60);
    }
}
