using Journal.Projections.Runtime;

namespace Journal.Projections.Tests.Runtime;

public sealed class PoisonTests : IAsyncLifetime
{
    private readonly RuntimeHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Poison_event_stops_its_projection_at_the_event_before_and_records_a_dead_letter()
    {
        await _h.CountAsync("a", 1, times: 4);
        await _h.CountAsync("a", 13);
        await _h.CountAsync("a", 1, times: 4);
        var poisoned = new CounterProjection("counter.v1");
        var healthy = new HealthyProjection();
        var daemon = _h.Daemon([poisoned, healthy]);

        await daemon.CatchUpAsync(default);

        var statuses = (await daemon.StatusAsync(default)).ToDictionary(s => s.Name);
        Assert.Equal("stopped", statuses["counter.v1"].State);
        Assert.Equal(4, statuses["counter.v1"].Position);
        Assert.Equal(1, statuses["counter.v1"].DeadLetters);
        Assert.Equal(5, statuses["counter.v1"].LagEvents);
        Assert.Equal("running", statuses["healthy.v1"].State);
        Assert.Equal(9, statuses["healthy.v1"].Position);
        Assert.Equal(4, _h.Total(poisoned, "a"));
        var letter = Assert.Single(daemon.DeadLetters());
        Assert.Equal(5, letter.Seq);
        Assert.Equal("stopped", letter.Action);
        Assert.Contains("13 is poison", letter.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poison_event_is_skipped_with_a_dead_letter_under_the_skip_policy()
    {
        await _h.CountAsync("a", 1, times: 2);
        await _h.CountAsync("a", 13);
        await _h.CountAsync("a", 1, times: 2);
        var projection = new CounterProjection();
        var daemon = _h.Daemon([projection], new ProjectionOptions { BatchSize = 10, PoisonPolicy = PoisonPolicy.Skip });

        await daemon.CatchUpAsync(default);

        var status = Assert.Single(await daemon.StatusAsync(default));
        Assert.Equal("running", status.State);
        Assert.Equal(5, status.Position);
        Assert.Equal(4, _h.Total(projection, "a"));
        Assert.Equal("skipped", Assert.Single(daemon.DeadLetters()).Action);
    }

    [Fact]
    public async Task ResumeAsync_restarts_a_stopped_projection_after_skipping_its_poison_event()
    {
        await _h.CountAsync("a", 13);
        await _h.CountAsync("a", 2);
        var projection = new CounterProjection();
        var daemon = _h.Daemon([projection]);
        await daemon.CatchUpAsync(default);

        await daemon.ResumeAsync("counter.v1", skipPoison: true, default);
        await daemon.CatchUpAsync(default);

        Assert.Equal("running", Assert.Single(await daemon.StatusAsync(default)).State);
        Assert.Equal(2, _h.Total(projection, "a"));
    }

    private sealed class HealthyProjection : IProjection
    {
        public string Name => "healthy.v1";

        public IReadOnlyCollection<string> EventTypes { get; } = ["test.counted.v1"];

        public void Create(ReadModelWriter db) => db.ExecuteScript("CREATE TABLE IF NOT EXISTS healthy_v1_seen (seq INTEGER PRIMARY KEY)");

        public void Apply(ReadModelWriter db, ProjectedEvent e) => db.Execute("INSERT INTO healthy_v1_seen (seq) VALUES ($seq)", ("$seq", e.Seq));
    }
}
