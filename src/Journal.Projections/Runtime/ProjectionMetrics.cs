using System.Diagnostics.Metrics;

namespace Journal.Projections.Runtime;

/// <summary>
/// Projection lag as metrics (meter <c>Journal.Projections</c>): per projection, events behind the
/// tape's head and milliseconds between the head's event and the last one applied, read when the
/// metrics are collected.
/// </summary>
internal sealed class ProjectionMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Journal.Projections";

    private readonly Meter _meter;

    public ProjectionMetrics(Func<IReadOnlyList<ProjectionStatus>> status, IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("journal.projection.lag.events", () => Measure(status, s => s.LagEvents), description: "Events between the tape head and the projection's checkpoint");
        _meter.CreateObservableGauge("journal.projection.lag.time", () => Measure(status, s => s.LagMs), unit: "ms", description: "Time between the head's event and the last event the projection applied");
        _meter.CreateObservableGauge("journal.projection.dead_letters", () => Measure(status, s => s.DeadLetters), description: "Events the projection could not apply");
    }

    public void Dispose() => _meter.Dispose();

    private static List<Measurement<long>> Measure(Func<IReadOnlyList<ProjectionStatus>> status, Func<ProjectionStatus, long> value) =>
        status().Select(s => new Measurement<long>(value(s), new KeyValuePair<string, object?>("projection", s.Name))).ToList();
}
