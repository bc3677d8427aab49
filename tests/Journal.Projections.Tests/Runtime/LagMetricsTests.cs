using System.Diagnostics.Metrics;
using Journal.Projections.Runtime;

namespace Journal.Projections.Tests.Runtime;

public sealed class LagMetricsTests : IAsyncLifetime
{
    private readonly RuntimeHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Lag_gauges_report_events_behind_the_head_per_projection()
    {
        await _h.CountAsync("a", 13);
        await _h.CountAsync("a", 1, times: 3);
        var daemon = _h.Daemon([new CounterProjection("stopped.v1"), new SeenProjection()]);
        await daemon.CatchUpAsync(default);
        var lags = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ProjectionMetrics.MeterName && instrument.Name == "journal.projection.lag.events")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => lags[(string)tags[0].Value!] = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(0, lags["seen.v1"]);
        Assert.Equal(4, lags["stopped.v1"]);
    }

    private sealed class SeenProjection : IProjection
    {
        public string Name => "seen.v1";

        public IReadOnlyCollection<string> EventTypes { get; } = ["test.counted.v1"];

        public void Create(ReadModelWriter db) => db.ExecuteScript("CREATE TABLE IF NOT EXISTS seen_v1_events (seq INTEGER PRIMARY KEY)");

        public void Apply(ReadModelWriter db, ProjectedEvent e) => db.Execute("INSERT INTO seen_v1_events (seq) VALUES ($seq)", ("$seq", e.Seq));
    }
}
