using System.Globalization;
using Journal.ControlRoom.Shared;
using Journal.Projections.EventRate;

namespace Journal.ControlRoom.Pictures;

/// <summary>How the events-per-minute picture reads: its bars, their titles and the figure's summary.</summary>
public static class EventRateWords
{
    /// <summary>The ranges the picture offers: the last hour a bar a minute, the last day a bar a quarter hour.</summary>
    public static readonly IReadOnlyList<(string Key, string Name, int Minutes, int BucketMinutes)> Ranges =
    [
        ("hour", "the last hour", 60, 1),
        ("day", "the last 24 hours", 1440, 15),
    ];

    /// <summary>One bar per bucket, labelled by its start (UTC).</summary>
    public static IReadOnlyList<ChartBar> Bars(EventRateView rate) =>
        rate.Buckets.Select(b => new ChartBar(Clock(b.Start), Title(b, rate.BucketMinutes), b.Events)).ToList();

    /// <summary>The figure in one sentence: the window, the total and the busiest bucket.</summary>
    public static string Summary(EventRateView rate, string range)
    {
        var unit = rate.BucketMinutes == 1 ? "minute" : $"{rate.BucketMinutes} minutes";
        var busiest = rate.Buckets.MaxBy(b => b.Events);
        var peak = busiest is null || busiest.Events == 0 ? "" : $", at most {Display.Number(busiest.Events)} in {(rate.BucketMinutes == 1 ? "a minute" : $"{rate.BucketMinutes} minutes")} (from {Clock(busiest.Start)})";
        return $"Events per {unit} over {range}, {Clock(rate.From)} to {Clock(rate.Until)} UTC: {Display.Number(rate.Total)} events in all{peak}.";
    }

    private static string Title(EventRateBucket bucket, int minutes)
    {
        var events = bucket.Events == 1 ? "1 event" : $"{Display.Number(bucket.Events)} events";
        return minutes == 1
            ? $"{Clock(bucket.Start)} UTC: {events}"
            : $"{Clock(bucket.Start)}–{Clock(bucket.Start.AddMinutes(minutes))} UTC: {events}";
    }

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
}
