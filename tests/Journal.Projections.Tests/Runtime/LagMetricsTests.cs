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
        using var meters = new ScopedMeterFactory();
        var daemon = _h.Daemon([new CounterProjection("stopped.v1"), new SeenProjection()], meters: meters);
        await daemon.CatchUpAsync(default);
        var lags = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this test's daemon: other tests run daemons of their own in parallel.
                if (instrument.Meter.Scope == meters && instrument.Name == "journal.projection.lag.events")
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

    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    private sealed class SeenProjection : IProjection
    {
        public string Name => "seen.v1";

        public IReadOnlyCollection<string> EventTypes { get; } = ["test.counted.v1"];

        public void Create(ReadModelWriter db) => db.ExecuteScript("CREATE TABLE IF NOT EXISTS seen_v1_events (seq INTEGER PRIMARY KEY)");

        public void Apply(ReadModelWriter db, ProjectedEvent e) => db.Execute("INSERT INTO seen_v1_events (seq) VALUES ($seq)", ("$seq", e.Seq));
    }
}
