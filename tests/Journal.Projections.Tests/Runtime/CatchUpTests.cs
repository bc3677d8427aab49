using Journal.Projections.Runtime;

namespace Journal.Projections.Tests.Runtime;

public sealed class CatchUpTests : IAsyncLifetime
{
    private readonly RuntimeHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task CatchUpAsync_applies_every_event_once_in_batches_and_checkpoints_the_head()
    {
        var head = await _h.CountAsync("a", 2, times: 25);
        await _h.CountAsync("b", 5, times: 3);
        var projection = new CounterProjection();
        var daemon = _h.Daemon([projection]);

        var position = await daemon.CatchUpAsync(default);

        Assert.Equal(head + 3, position);
        Assert.Equal(50, _h.Total(projection, "a"));
        Assert.Equal(15, _h.Total(projection, "b"));
        Assert.Equal(28, _h.Scalar($"SELECT count(*) FROM {projection.Applied}"));
        var status = Assert.Single(await daemon.StatusAsync(default));
        Assert.Equal(0, status.LagEvents);
        Assert.Equal("running", status.State);
    }

    [Fact]
    public async Task CatchUpAsync_resumes_after_a_crash_between_batches_without_applying_an_event_twice_or_skipping_one()
    {
        await _h.CountAsync("a", 1, times: 35);
        var projection = new CounterProjection();
        var crashing = _h.Daemon([projection], faults: new CrashBeforeCommit(atSeq: 20));

        await Assert.ThrowsAsync<IOException>(() => crashing.CatchUpAsync(default));
        var checkpointAfterCrash = _h.Scalar("SELECT position FROM projection_checkpoints WHERE name = 'counter.v1'");
        _h.Retire(crashing);
        var restarted = _h.Daemon([projection]);
        await restarted.CatchUpAsync(default);

        Assert.Equal(10, checkpointAfterCrash);
        Assert.Equal(35, _h.Total(projection, "a"));
        Assert.Equal(35, _h.Scalar($"SELECT count(*) FROM {projection.Applied}"));
        Assert.Empty(restarted.DeadLetters());
    }

    [Fact]
    public async Task Daemon_goes_live_and_wakes_on_each_commit()
    {
        var projection = new CounterProjection();
        var daemon = _h.Daemon([projection], new ProjectionOptions { BatchSize = 100, PollInterval = TimeSpan.FromMinutes(5), MaxWait = TimeSpan.FromSeconds(10) });
        await daemon.StartAsync(default);
        await daemon.WaitForAsync(0, null, default);

        for (var i = 1; i <= 5; i++)
        {
            var position = await _h.CountAsync("live", i);
            await daemon.WaitForAsync(position, ["counter.v1"], default);
            Assert.Equal(i * (i + 1) / 2, _h.Total(projection, "live"));
        }
    }

    [Fact]
    public async Task WaitForAsync_answers_stale_when_the_projections_cannot_reach_the_position_in_time()
    {
        await _h.CountAsync("a", 13);
        var daemon = _h.Daemon([new CounterProjection()], new ProjectionOptions { BatchSize = 10, MaxWait = TimeSpan.FromMilliseconds(200) });
        await daemon.CatchUpAsync(default);

        var error = await Assert.ThrowsAsync<StaleReadException>(() => daemon.WaitForAsync(1, null, default));

        Assert.Equal("projection.stale", error.Code);
        Assert.Equal(1, error.Wanted);
        Assert.Equal(0, error.Reached);
    }

    [Fact]
    public async Task Projections_ignore_event_types_they_do_not_handle_but_still_advance()
    {
        await _h.Tape.AppendAsync(Domain.Tape.StreamId.Parse("other-1"), Domain.Tape.ExpectedVersion.Any, [new Domain.Tape.EventData(Guid.NewGuid(), "test.ignored.v1", new Ignored("x"))], Domain.Tape.EventMetadata.Empty, default);
        var daemon = _h.Daemon([new CounterProjection()]);

        var position = await daemon.CatchUpAsync(default);

        Assert.Equal(1, position);
    }
}
