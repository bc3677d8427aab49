namespace Journal.Projections.Runtime;

/// <summary>What a projection does with an event it cannot apply.</summary>
public enum PoisonPolicy
{
    /// <summary>Record a dead letter and stop the projection at the event before it (the default: nothing is silently lost).</summary>
    Stop,

    /// <summary>Record a dead letter and go on with the next event.</summary>
    Skip,
}

/// <summary>Settings of the projection runtime.</summary>
public sealed record ProjectionOptions
{
    /// <summary>The read-model database (generations live beside it: <c>projections-N.db</c>).</summary>
    public string DatabasePath { get; init; } = Path.Combine("data", "projections.db");

    /// <summary>Events per catch-up batch (one transaction each, checkpoint included).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Keep the read models in memory (the journal's in-memory mode): rebuilt from the tape at every start.</summary>
    public bool InMemory { get; init; }

    /// <summary>Events per batch while a rebuild replays into a new generation (at least <see cref="BatchSize"/>; at most 10,000).</summary>
    public int RebuildBatchSize { get; init; } = 10_000;

    /// <summary>
    /// The managed heap a rebuild lets itself reach before it asks for a full collection between batches
    /// (see <see cref="RebuildHeapGuard"/>), so its peak memory does not grow with the tape; 0 leaves the
    /// collector alone.
    /// </summary>
    public long RebuildHeapBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How long the live loop waits for a commit notification before polling the tape anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>What to do with an event a projection cannot apply.</summary>
    public PoisonPolicy PoisonPolicy { get; init; } = PoisonPolicy.Stop;

    /// <summary>How often pending approvals past their expiry are timed out; <see cref="Timeout.InfiniteTimeSpan"/> turns the sweep off.</summary>
    public TimeSpan ApprovalExpirySweep { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A canvas snapshot every this many versions, so the state at any version is a snapshot plus at most this many minus one patches (at least 1).</summary>
    public int CanvasSnapshotInterval { get; init; } = 50;

    /// <summary>
    /// How often the lag of every projection is sampled into the last hour's history (the control room's picture
    /// and <c>GET /v1/admin/projections/lag</c>); <see cref="Timeout.InfiniteTimeSpan"/> turns the sampler off.
    /// </summary>
    public TimeSpan LagSampleInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest a read-your-writes query waits for the projections before answering stale.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(5);
}
