using System.Globalization;
using Journal.ControlRoom.Shared;
using Journal.Projections.Lag;

namespace Journal.ControlRoom.Pictures;

/// <summary>How the projection-lag picture reads: a bar per sample, as high as the projection furthest behind.</summary>
public static class LagWords
{
    /// <summary>One bar per sample: the worst lag in events, the projection and its lag in time in the title.</summary>
    public static IReadOnlyList<ChartBar> Bars(ProjectionLagHistory history) =>
        history.Samples.Select(s => s.Worst is { } worst
            ? new ChartBar(Clock(s.At), $"{Clock(s.At)} UTC: {Behind(worst)}", [worst.LagEvents], $"{worst.Name}, {Display.Number(worst.LagMs)} ms")
            : new ChartBar(Clock(s.At), $"{Clock(s.At)} UTC: no projections", [0])).ToList();

    /// <summary>The figure in one sentence: how many samples, and the worst one.</summary>
    public static string Summary(ProjectionLagHistory history)
    {
        var worst = history.Samples.Where(s => s.Worst is not null).MaxBy(s => s.Worst!.LagEvents);
        var peak = worst?.Worst is { LagEvents: > 0 } w ? $"; the furthest behind was {Behind(w)} at {Clock(worst.At)} UTC" : "; no projection fell behind";
        return $"Projection lag (events behind the tape's head, the projection furthest behind) in {history.Samples.Count} samples from {Clock(history.From)} to {Clock(history.Until)} UTC{peak}.";
    }

    /// <summary>The sentence shown when there is nothing to draw.</summary>
    public static string Empty(ProjectionLagHistory history) => history.Samples.Count == 0
        ? $"No samples yet: the service samples every projection's lag every {history.IntervalSeconds} s from its start and keeps the last hour in memory only."
        : $"No projection fell behind in the last hour ({history.Samples.Count} samples, every {history.IntervalSeconds} s).";

    private static string Behind(ProjectionLag lag) =>
        $"{lag.Name} {Display.Number(lag.LagEvents)} event{(lag.LagEvents == 1 ? "" : "s")} behind ({Display.Number(lag.LagMs)} ms){(lag.State == "running" ? "" : ", " + lag.State)}";

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
