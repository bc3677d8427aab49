using System.Globalization;
using System.Text;

namespace Journal.Benchmarks.Capacity;

/// <summary>
/// The capacity table: one row per figure, one column per size, the ratio of the largest size to the smallest, and
/// the issue's bound: within 1.5x of the smallest size (a rate at least two thirds of it), and where the issue names
/// one, an absolute limit on the largest size.
/// </summary>
internal static class CapacityTable
{
    private const double Growth = 1.5;

    /// <summary>The table, and whether every bound was met.</summary>
    public static (string Text, bool AllMet) Format(IReadOnlyList<CapacityFigures> runs)
    {
        var first = runs[0];
        var last = runs[^1];
        var text = new StringBuilder();
        var sizes = string.Join(" | ", runs.Select(r => Label(r.Events)));
        var ratio = runs.Count > 1 ? $"{Label(last.Events)}/{Label(first.Events)}" : "ratio";
        text.AppendLine(CultureInfo.InvariantCulture, $"| measure | {sizes} | {ratio} | bound (issue 21) | met? |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(runs.Select(_ => "---:|"))}---:|---|---|");
        Row(text, runs, "first start, no verified mark yet: the whole tape checked (s)", r => r.StartFirstSeconds, "0.00", Bound.None);
        Row(text, runs, "first append ever to the 25,000-entry session: no snapshot yet (ms)", r => r.FirstEverAppendMs, "0.0", Bound.None);
        Row(text, runs, "start until `/health/ready`, warm (s)", r => r.StartWarmSeconds, "0.00", Bound.Grows(3.0, "< 3 s"));
        Row(text, runs, $"start until `/health/ready`, partly cold{(runs.All(r => r.ColdDropped) ? string.Empty : " (pages NOT dropped)")} (s)", r => r.StartColdSeconds, "0.00", Bound.Grows(null, null));
        Row(text, runs, "raw: open + read the head row (ms)", r => r.RawOpenHeadMs, "0.0", Bound.None);
        Row(text, runs, "warm start / raw open + head", r => r.StartWarmSeconds * 1000 / r.RawOpenHeadMs, "N0", Bound.None);
        Row(text, runs, "`GET /v1/journal/health` p50 (ms)", r => r.HealthP50Ms, "0.0", Bound.Grows(50, "< 50 ms"));
        Row(text, runs, "`GET /v1/journal/health` p99 (ms)", r => r.HealthP99Ms, "0.0", Bound.Grows(50, "< 50 ms"));
        Row(text, runs, "CLI `health`, wall (s)", r => r.CliHealthSeconds, "0.00", Bound.Grows(null, null));
        Row(text, runs, "CLI `stats`, wall (s)", r => r.CliStatsSeconds, "0.00", Bound.Grows(null, null));
        Row(text, runs, "first append after a start, to a new session: compiles the path (ms)", r => r.WarmUpAppendMs, "0.0", Bound.None);
        Row(text, runs, "then the first append to the 25,000-entry session (ms)", r => r.FirstAppendMs, "0.0", Bound.Grows(5, "< 5 ms"));
        Row(text, runs, "then 20 more appends to it, median: any append's cost, its sync included (ms)", r => r.SteadyAppendMs, "0.0", Bound.None);
        Row(text, runs, "first append to the 25,000-entry session after the partly cold start: its pages read from disk (ms)", r => r.ColdFirstAppendMs, "0.0", Bound.None);
        Row(text, runs, "service RSS after one recall per user, 50 users (MB)", r => r.RssAfterRecallMb, "N0", Bound.Grows(null, null));
        Row(text, runs, "service peak RSS (VmHWM) by then (MB)", r => r.HwmAfterRecallMb, "N0", Bound.Grows(null, null));
        Row(text, runs, "replay (admin `replay`, wall) (events/s)", r => r.ReplayRate, "N0", Bound.Holds(60_000, ">= 60,000/s"));
        Row(text, runs, "raw: read every row of the tape (rows/s)", r => r.RawReadRate, "N0", Bound.None);
        Row(text, runs, "replay / raw read", r => r.ReplayRate / r.RawReadRate, "0.00", Bound.None);
        Row(text, runs, "replay peak RSS (VmHWM of the verb) (MB)", r => r.ReplayPeakMb, "N0", Bound.Grows(1_000, "< 1 GB"));
        return (text.ToString(), !text.ToString().Contains("**no**", StringComparison.Ordinal));
    }

    private static void Row(StringBuilder text, IReadOnlyList<CapacityFigures> runs, string name, Func<CapacityFigures, double> figure, string format, Bound bound)
    {
        var values = runs.Select(figure).ToArray();
        var cells = string.Join(" | ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
        var ratio = values[^1] / values[0];
        var met = bound.Kind switch
        {
            BoundKind.None => "—",
            _ when runs.Count < 2 && bound.Limit is null => "—",
            _ => bound.Met(values[0], values[^1], runs.Count > 1) ? "yes" : "**no**",
        };
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {cells} | {(runs.Count > 1 ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "—")} | {bound.Text} | {met} |");
    }

    private static string Label(long events) => events switch
    {
        >= 1_000_000 when events % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{events / 1_000_000}M"),
        >= 1_000 when events % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{events / 1_000}k"),
        _ => events.ToString("N0", CultureInfo.InvariantCulture),
    };

    private enum BoundKind
    {
        None,
        Grows,
        Holds,
    }

    /// <summary>A figure that must not grow (or, for a rate, fall) more than 1.5x, and an optional limit on the largest size.</summary>
    private sealed record Bound(BoundKind Kind, double? Limit, string Text)
    {
        public static Bound None { get; } = new(BoundKind.None, null, "—");

        public static Bound Grows(double? limit, string? absolute) =>
            new(BoundKind.Grows, limit, absolute is null ? "<= 1.5x" : $"<= 1.5x, {absolute}");

        public static Bound Holds(double limit, string absolute) => new(BoundKind.Holds, limit, $">= 1/1.5x, {absolute}");

        public bool Met(double smallest, double largest, bool compared)
        {
            var ratioMet = !compared || (Kind == BoundKind.Grows ? largest <= Growth * smallest : largest * Growth >= smallest);
            var limitMet = Limit is not { } limit || (Kind == BoundKind.Grows ? largest < limit : largest >= limit);
            return ratioMet && limitMet;
        }
    }
}
