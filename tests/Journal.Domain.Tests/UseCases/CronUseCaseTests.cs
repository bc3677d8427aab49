using Journal.Domain.Commands;
using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Domain.Errors;
using MediatR;

namespace Journal.Domain.Tests.UseCases;

public sealed class CronUseCaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SteppingClock _clock = new(Start);
    private readonly JournalHarness _journal;

    public CronUseCaseTests() => _journal = new JournalHarness(_clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task CreateCronJob_retried_with_its_idempotency_key_and_no_job_id_returns_the_first_result_and_creates_one_job()
    {
        var context = new CommandContext(IdempotencyKey: "create-inbox-1");
        var first = await _journal.Send(new CreateCronJobRequest(null, EveryMinute()) { Context = context });

        var again = await _journal.Send(new CreateCronJobRequest(null, EveryMinute()) { Context = context });

        Assert.True(again.Replayed);
        Assert.Equal((first.Stream, first.Position), (again.Stream, again.Position));
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task CreateCronJob_fills_the_defaults_and_anchors_an_interval_at_now()
    {
        var jobId = Guid.NewGuid();

        await _journal.Send(new CreateCronJobRequest(jobId, EveryMinute() with { Schedule = new ScheduleSpec(ScheduleKind.Interval, EverySeconds: 300) }));

        var job = await _journal.Mediator.Send(new GetCronJobStateRequest(jobId));
        Assert.Equal(new CronJobDefinition(
            "inbox", "ada", "cli", null, "{}", new ScheduleSpec(ScheduleKind.Interval, EverySeconds: 300, Anchor: Start), ConcurrencyPolicy.Forbid,
            new MisfirePolicy(), new RetryPolicy(), 0, null, CronJobLimits.DefaultTimeoutSeconds), job.Definition);
        Assert.Equal(Start.AddMinutes(5), job.NextDueAt);
    }

    [Fact]
    public async Task UpdateCronJob_with_the_same_definition_writes_nothing()
    {
        var jobId = Guid.NewGuid();
        await _journal.Send(new CreateCronJobRequest(jobId, EveryMinute()));
        var head = await _journal.HeadAsync();

        var result = await _journal.Send(new UpdateCronJobRequest(jobId, EveryMinute()));

        Assert.Equal((0, 1L), (result.EventsWritten, result.StreamVersion));
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task TickCronJob_of_a_due_job_starts_a_run_and_hands_it_out_as_a_claim()
    {
        var jobId = Guid.NewGuid();
        await _journal.Send(new CreateCronJobRequest(jobId, EveryMinute()));
        _clock.Step(TimeSpan.FromMinutes(1));

        var tick = await _journal.Mediator.Send(new TickCronJobRequest(jobId));
        var idle = await _journal.Mediator.Send(new TickCronJobRequest(jobId));

        var started = Assert.IsType<CronRunStarted>(Assert.Single(tick.Events));
        Assert.Equal((1, 2L), (tick.Result.EventsWritten, tick.Result.StreamVersion));
        Assert.Equal((jobId, started.RunId, Start.AddMinutes(1), "ada", "{}"), (tick.Claimed!.JobId, tick.Claimed.RunId, tick.Claimed.Tick, tick.Claimed.Owner, tick.Claimed.Payload));
        Assert.False(tick.Lost);
        Assert.Equal((0, null, false), (idle.Result.EventsWritten, idle.Claimed, idle.Lost));
        Assert.Empty(idle.Events);
    }

    [Fact]
    public async Task TickCronJob_of_a_deleted_job_is_not_found()
    {
        var jobId = Guid.NewGuid();
        await _journal.Send(new CreateCronJobRequest(jobId, EveryMinute()));
        await _journal.Send(new DeleteCronJobRequest(jobId));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Mediator.Send(new TickCronJobRequest(jobId)));

        Assert.Equal("cron_job.not_found", error.Code);
    }

    private static CronJobSpec EveryMinute() =>
        new("inbox", "ada", "cli", null, "{}", new ScheduleSpec(ScheduleKind.Interval, EverySeconds: 60, Anchor: Start));
}
