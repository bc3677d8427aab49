using Journal.Projections.Querying;
using System.Diagnostics.Metrics;

namespace Journal.Application.Pipeline;

/// <summary>Instruments of the request pipeline (meter <c>Journal.Commands</c>).</summary>
public sealed class CommandMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Journal.Commands";

    private readonly Meter _meter;

    /// <summary>Creates the instruments.</summary>
    public CommandMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Handled = _meter.CreateCounter<long>("journal.commands.handled", description: "Requests handled successfully");
        Failed = _meter.CreateCounter<long>("journal.commands.failed", description: "Requests that failed or were refused");
        Latency = _meter.CreateHistogram<double>("journal.commands.duration", unit: "ms", description: "Request latency");
    }

    /// <summary>Requests handled.</summary>
    public Counter<long> Handled { get; }

    /// <summary>Requests failed.</summary>
    public Counter<long> Failed { get; }

    /// <summary>Latency.</summary>
    public Histogram<double> Latency { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
