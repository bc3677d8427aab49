using System.Globalization;
using Journal.EventStore.Reading;

namespace Journal.EventStore.Maintenance;

/// <summary>
/// The maintenance step <c>tape.counts</c>: compares the counts the writer keeps with a full recount of the
/// tape. A mismatch is reported, never repaired here: a count that drifted means a write path or a hand
/// edit bypassed the writer, and that is for an operator to look at.
/// </summary>
public static class CountsCheck
{
    /// <summary>The step's name.</summary>
    public const string Name = "tape.counts";

    /// <summary>The step for one comparison: ok when every kept count equals its recount.</summary>
    public static MaintenanceStep Report(CountsComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var mismatches = new List<string>();
        Compare(mismatches, "events", comparison.Kept.Events, comparison.Recounted.Events);
        Compare(mismatches, "streams", comparison.Kept.Streams, comparison.Recounted.Streams);
        Compare(mismatches, "erased payloads", comparison.Kept.ErasedPayloads, comparison.Recounted.ErasedPayloads);
        var kept = comparison.KeptByType.Where(c => c.Events != 0).ToDictionary(c => c.EventType, c => c.Events, StringComparer.Ordinal);
        var recounted = comparison.RecountedByType.ToDictionary(c => c.EventType, c => c.Events, StringComparer.Ordinal);
        foreach (var type in kept.Keys.Union(recounted.Keys).Order(StringComparer.Ordinal))
        {
            Compare(mismatches, $"type {type}", kept.GetValueOrDefault(type), recounted.GetValueOrDefault(type));
        }

        return mismatches.Count == 0
            ? new MaintenanceStep(Name, true, string.Create(CultureInfo.InvariantCulture, $"kept counts match a recount ({comparison.Recounted.Events} events, {comparison.Recounted.Streams} streams, {comparison.Recounted.ErasedPayloads} erased payloads, {recounted.Count} types)"))
            : new MaintenanceStep(Name, false, "kept counts differ from a recount: " + string.Join("; ", mismatches));
    }

    private static void Compare(List<string> mismatches, string what, long kept, long recounted)
    {
        if (kept != recounted)
        {
            mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{what} kept {kept}, counted {recounted}"));
        }
    }
}
