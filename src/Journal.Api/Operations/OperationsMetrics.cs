using System.Diagnostics.Metrics;

namespace Journal.Api.Operations;

/// <summary>
/// The operations' instruments (meter <c>Journal.Operations</c>): chain verifications and their
/// duration, snapshots and backups, payloads erased by retention, maintenance failures. Watch them with
/// <c>dotnet-counters monitor --counters Journal.Tape,Journal.Projections,Journal.Operations</c>.
/// </summary>
public sealed class OperationsMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Journal.Operations";

    private readonly Meter _meter;
    private readonly Counter<long> _verifications;
    private readonly Histogram<double> _verificationDuration;
    private readonly Counter<long> _snapshots;
    private readonly Counter<long> _erased;
    private readonly Counter<long> _maintenanceFailures;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (or a private meter).</summary>
    public OperationsMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _verifications = _meter.CreateCounter<long>("journal.verification.runs", description: "Chain verifications, tagged result=intact|broken");
        _verificationDuration = _meter.CreateHistogram<double>("journal.verification.duration", unit: "ms", description: "Time to verify the chain");
        _snapshots = _meter.CreateCounter<long>("journal.snapshots", description: "Snapshots and backups written, tagged result=ok|failed");
        _erased = _meter.CreateCounter<long>("journal.retention.erased", description: "Payloads erased by tape retention");
        _maintenanceFailures = _meter.CreateCounter<long>("journal.maintenance.failures", description: "Maintenance steps that failed");
    }

    /// <summary>The meter the instruments are on.</summary>
    public Meter Meter => _meter;

    /// <summary>Records one verification.</summary>
    public void RecordVerification(bool intact, double elapsedMs)
    {
        _verifications.Add(1, new KeyValuePair<string, object?>("result", intact ? "intact" : "broken"));
        _verificationDuration.Record(elapsedMs);
    }

    /// <summary>Records one snapshot or backup.</summary>
    public void RecordSnapshot(bool ok) => _snapshots.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));

    /// <summary>Records payloads erased by retention.</summary>
    public void RecordErased(long count) => _erased.Add(count);

    /// <summary>Records failed maintenance steps.</summary>
    public void RecordMaintenanceFailures(int count) => _maintenanceFailures.Add(count);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
