namespace Journal.Projections.Runtime;

/// <summary>How far a rebuild has come.</summary>
/// <param name="Events">Tape events replayed so far.</param>
/// <param name="Total">Tape events to replay (the head when the rebuild started).</param>
/// <param name="EventsPerSecond">Replay rate so far.</param>
/// <param name="Remaining">Estimated time left.</param>
public sealed record RebuildProgress(long Events, long Total, double EventsPerSecond, TimeSpan Remaining);

/// <summary>The outcome of a rebuild.</summary>
/// <param name="Projections">The projections rebuilt.</param>
/// <param name="Events">Tape events replayed.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Generation">The read-model generation now current.</param>
public sealed record RebuildResult(IReadOnlyList<string> Projections, long Events, TimeSpan Elapsed, int Generation);
