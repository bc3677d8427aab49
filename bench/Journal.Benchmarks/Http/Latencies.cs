using System.Globalization;

namespace Journal.Benchmarks.Http;

/// <summary>Latency samples in milliseconds and their nearest-rank percentiles.</summary>
internal sealed class Latencies(double[] samples)
{
    private readonly double[] _sorted = [.. samples.Order()];

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    /// <summary>The samples of several runs as one set.</summary>
    public static Latencies Merge(IEnumerable<Latencies> parts) => new([.. parts.SelectMany(part => part._sorted)]);

    public string Row(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {P50:0.000} | {P99:0.000} | {Max:0.000} |");
}
