using System.Diagnostics.Metrics;

namespace Journal.EventStore;

/// <summary>The tape's instruments (meter <c>Journal.Tape</c>): appends, events, latency, group sizes, head.</summary>
public sealed class TapeMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Journal.Tape";

    private readonly Meter _meter;
    private readonly Counter<long> _appends;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _latency;
    private readonly Histogram<int> _groupSize;
    private long _head;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (or a private meter).</summary>
    public TapeMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _appends = _meter.CreateCounter<long>("journal.tape.appends", description: "Append calls committed");
        _events = _meter.CreateCounter<long>("journal.tape.events", description: "Events appended");
        _latency = _meter.CreateHistogram<double>("journal.tape.append.duration", unit: "ms", description: "Append latency, encode to commit");
        _groupSize = _meter.CreateHistogram<int>("journal.tape.group.size", description: "Requests committed per group commit");
        _meter.CreateObservableGauge("journal.tape.head", () => Interlocked.Read(ref _head), description: "Highest committed position");
    }

    internal void RecordAppend(int events, TimeSpan elapsed)
    {
        _appends.Add(1);
        _events.Add(events);
        _latency.Record(elapsed.TotalMilliseconds);
    }

    internal void RecordGroup(int requests) => _groupSize.Record(requests);

    internal void RecordHead(long seq) => Interlocked.Exchange(ref _head, seq);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
