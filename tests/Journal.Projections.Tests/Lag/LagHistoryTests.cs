using Journal.Domain.Errors;
using Journal.Projections.Lag;
using Journal.Projections.Tests.Support;

namespace Journal.Projections.Tests.Lag;

public sealed class LagHistoryTests : IAsyncLifetime
{
    private readonly ReadSideScenario _s = new();

    public Task InitializeAsync() => _s.StartAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public void Record_forgets_samples_older_than_an_hour_before_the_newest()
    {
        var history = new LagHistory();
        var start = ReadSideScenario.Start;

        history.Record(Sample(start, 5));
        history.Record(Sample(start.AddMinutes(30), 6));
        history.Record(Sample(start.AddMinutes(60), 7));
        history.Record(Sample(start.AddMinutes(61), 8));

        Assert.Equal([6L, 7L, 8L], history.After(DateTimeOffset.MinValue).Select(s => s.Projections[0].LagEvents));
        Assert.Equal([7L, 8L], history.After(start.AddMinutes(45)).Select(s => s.Projections[0].LagEvents));
    }

    [Fact]
    public void Worst_is_the_projection_furthest_behind_in_events_then_in_time()
    {
        var sample = new LagSample(ReadSideScenario.Start, [new("a.v1", "running", 3, 900), new("b.v1", "running", 7, 10), new("c.v1", "running", 7, 20)]);

        Assert.Equal("c.v1", sample.Worst!.Name);
        Assert.Null(new LagSample(ReadSideScenario.Start, []).Worst);
    }

    [Fact]
    public async Task SampleOnceAsync_records_every_projections_lag_and_the_query_answers_the_window()
    {
        var session = await _s.CreateSession();
        await _s.Say(session, "hello");
        await _s.Journal.Daemon.CatchUpAsync(default);
        var sampler = _s.Journal.Get<LagSampler>();

        await sampler.SampleOnceAsync(default);
        _s.Clock.Step(TimeSpan.FromMinutes(10));
        await sampler.SampleOnceAsync(default);
        var lastTen = await _s.Query(new GetProjectionLagHistoryQuery(Minutes: 10));
        var hour = await _s.Query(new GetProjectionLagHistoryQuery());

        var names = _s.Journal.Daemon.Names.Order(StringComparer.Ordinal).ToList();
        var recorded = Assert.Single(lastTen.Samples);
        Assert.Equal(_s.Now, recorded.At);
        Assert.Equal(names, recorded.Projections.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(recorded.Projections, p => Assert.Equal(("running", 0L), (p.State, p.LagEvents)));
        Assert.Equal([_s.Now.AddMinutes(-10), _s.Now], hour.Samples.Select(s => s.At));
        Assert.Equal((_s.Now.AddMinutes(-60), _s.Now), (hour.From, hour.Until));
        Assert.Equal(0, hour.IntervalSeconds); // the fixture turns the periodic sampler off
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public async Task GetProjectionLagHistory_refuses_a_window_outside_the_hour(int minutes)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _s.Query(new GetProjectionLagHistoryQuery(minutes)));

        Assert.Equal("minutes", error.Field);
    }

    private static LagSample Sample(DateTimeOffset at, long lag) => new(at, [new ProjectionLag("sessions.v2", "running", lag, lag * 10)]);
}
