using Journal.EventStore.Backup;
using Journal.EventStore.Maintenance;
using Journal.EventStore.Retention;

namespace Journal.Api.Operations;

/// <summary>The last snapshot written by the in-memory mode.</summary>
/// <param name="At">When.</param>
/// <param name="Ok">Whether it was written.</param>
/// <param name="Result">What was written.</param>
/// <param name="Error">Why it failed.</param>
public sealed record SnapshotRun(DateTimeOffset At, bool Ok, BackupResult? Result, string? Error);

/// <summary>The last retention run.</summary>
/// <param name="At">When.</param>
/// <param name="SessionDeltasRemoved">Session deltas older than the retention days removed from the read model.</param>
/// <param name="Tape">What tape retention erased; null when no rule is configured.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RetentionRun(DateTimeOffset At, int SessionDeltasRemoved, RetentionReport? Tape, string? Error);

/// <summary>The last maintenance run.</summary>
/// <param name="At">When.</param>
/// <param name="Steps">Each step and its result.</param>
public sealed record MaintenanceRun(DateTimeOffset At, IReadOnlyList<MaintenanceStep> Steps);

/// <summary>The last signed checkpoint published.</summary>
/// <param name="At">When.</param>
/// <param name="Path">The file written.</param>
/// <param name="Seq">The position checkpointed.</param>
/// <param name="Error">Why it failed.</param>
public sealed record CheckpointRun(DateTimeOffset At, string? Path, long Seq, string? Error);

/// <summary>What the background operations did last, for the health report.</summary>
public sealed class OperationsStatus
{
    private SnapshotRun? _snapshot;
    private RetentionRun? _retention;
    private MaintenanceRun? _maintenance;
    private CheckpointRun? _checkpoint;

    /// <summary>The last snapshot (in-memory mode).</summary>
    public SnapshotRun? Snapshot { get => Volatile.Read(ref _snapshot); set => Volatile.Write(ref _snapshot, value); }

    /// <summary>The last retention run.</summary>
    public RetentionRun? Retention { get => Volatile.Read(ref _retention); set => Volatile.Write(ref _retention, value); }

    /// <summary>The last maintenance run.</summary>
    public MaintenanceRun? Maintenance { get => Volatile.Read(ref _maintenance); set => Volatile.Write(ref _maintenance, value); }

    /// <summary>The last checkpoint published.</summary>
    public CheckpointRun? Checkpoint { get => Volatile.Read(ref _checkpoint); set => Volatile.Write(ref _checkpoint, value); }
}
