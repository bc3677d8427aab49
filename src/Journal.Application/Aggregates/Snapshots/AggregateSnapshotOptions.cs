namespace Journal.Application.Aggregates.Snapshots;

/// <summary>Where aggregate snapshots are kept and how often one is taken.</summary>
public sealed record AggregateSnapshotOptions
{
    /// <summary>The default of <see cref="Every"/>: see docs/operations.md for the measurement behind it.</summary>
    public const int DefaultEvery = 100;

    /// <summary>The snapshot file (SQLite, owner-only), usually <c>snapshots.db</c> in the data directory.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// A snapshot is written each time a stream passes a multiple of this many events (and after a load
    /// that folded at least as many), so a load folds at most about this many events after its snapshot.
    /// </summary>
    public int Every { get; init; } = DefaultEvery;

    /// <summary>How long a snapshot read or write waits for another process's lock before it gives up (the command goes on without it).</summary>
    public int BusyTimeoutMs { get; init; } = 50;
}
