using Journal.Projections.Runtime;

namespace Journal.Projections.Tests.Runtime;

public sealed class RebuildTests : IAsyncLifetime
{
    private readonly RuntimeHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task RebuildAsync_replays_into_a_new_generation_while_queries_read_the_current_one_then_switches()
    {
        await _h.CountAsync("a", 3, times: 30);
        var projection = new CounterProjection();
        var daemon = _h.Daemon([projection]);
        await daemon.CatchUpAsync(default);
        var oldFile = _h.ReadModels.CurrentPath;
        _h.Scalar($"UPDATE {projection.Table} SET total = -1");
        var seenDuringRebuild = new List<long>();

        var result = await daemon.RebuildAsync(null, new SyncProgress(_ => seenDuringRebuild.Add(_h.Total(projection, "a"))), default);

        Assert.Equal(2, result.Generation);
        Assert.Equal(30, result.Events);
        Assert.NotEmpty(seenDuringRebuild);
        Assert.All(seenDuringRebuild.SkipLast(1), total => Assert.Equal(-1, total));
        Assert.Equal(90, _h.Total(projection, "a"));
        Assert.False(File.Exists(oldFile));
        Assert.Equal(2, _h.ReadModels.Generation);
    }

    [Fact]
    public async Task RebuildAsync_leaves_the_current_read_models_untouched_when_cancelled_and_can_run_again()
    {
        await _h.CountAsync("a", 1, times: 40);
        var projection = new CounterProjection();
        var daemon = _h.Daemon([projection]);
        await daemon.CatchUpAsync(default);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => daemon.RebuildAsync(null, new SyncProgress(p => { if (p.Events >= 20) { cancel.Cancel(); } }), cancel.Token));

        Assert.Equal(1, _h.ReadModels.Generation);
        Assert.Equal(40, _h.Total(projection, "a"));
        Assert.False(File.Exists(_h.ReadModels.PathOf(2)));
        var again = await daemon.RebuildAsync(null, null, default);
        Assert.Equal(2, again.Generation);
        Assert.Equal(40, _h.Total(projection, "a"));
    }

    [Fact]
    public async Task RebuildAsync_of_one_projection_keeps_the_others_as_they_are()
    {
        await _h.CountAsync("a", 1, times: 12);
        var first = new CounterProjection("counter.v1");
        var second = new CounterProjection("other.v1");
        var daemon = _h.Daemon([first, second]);
        await daemon.CatchUpAsync(default);
        _h.Scalar($"UPDATE {first.Table} SET total = 1000");
        _h.Scalar($"UPDATE {second.Table} SET total = 2000");

        await daemon.RebuildAsync("other.v1", null, default);

        Assert.Equal(1000, _h.Total(first, "a"));
        Assert.Equal(12, _h.Total(second, "a"));
    }

    [Fact]
    public async Task A_new_projection_version_drops_the_old_tables_and_builds_from_the_start()
    {
        await _h.CountAsync("a", 2, times: 5);
        var v1 = new CounterProjection("counter.v1");
        var daemon = _h.Daemon([v1]);
        await daemon.CatchUpAsync(default);
        _h.Retire(daemon);

        var v2 = new CounterProjection("counter.v2");
        var upgraded = _h.Daemon([v2]);
        await upgraded.CatchUpAsync(default);

        Assert.Equal(10, _h.Total(v2, "a"));
        Assert.Equal(0, _h.Scalar($"SELECT count(*) FROM sqlite_master WHERE name = '{v1.Table}'"));
        Assert.Equal(0, _h.Scalar("SELECT count(*) FROM projection_checkpoints WHERE name = 'counter.v1'"));
    }

    private sealed class SyncProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
