namespace Journal.EventStore.Reading;

/// <summary>The counts the writer keeps beside a full recount of the tape, read in one snapshot.</summary>
/// <param name="Kept">The kept totals.</param>
/// <param name="KeptByType">The kept counts by event type.</param>
/// <param name="Recounted">The totals counted by scanning the tape.</param>
/// <param name="RecountedByType">The counts by event type counted by scanning the tape.</param>
public sealed record CountsComparison(
    TapeStats Kept,
    IReadOnlyList<EventTypeCount> KeptByType,
    TapeStats Recounted,
    IReadOnlyList<EventTypeCount> RecountedByType);
