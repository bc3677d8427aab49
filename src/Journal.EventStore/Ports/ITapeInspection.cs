using Journal.EventStore.Maintenance;

namespace Journal.EventStore.Ports;

/// <summary>What an operator sees of a tape's storage: its identity, schema, location, and housekeeping.</summary>
public interface ITapeInspection
{
    /// <summary>The journal's id, fixed when the tape was created.</summary>
    Guid JournalId { get; }

    /// <summary>The schema version the tape is migrated to.</summary>
    int SchemaVersion { get; }

    /// <summary>Where the tape lives (a file path, or a description of the server).</summary>
    string Location { get; }

    /// <summary>True when the tape lives in memory only.</summary>
    bool IsInMemory { get; }

    /// <summary>Where the tape lives, as the health report names it: <c>file</c>, <c>memory</c> or <c>postgres</c>.</summary>
    string Mode { get; }

    /// <summary>The newest schema version this code writes for this backend.</summary>
    int LatestSchemaVersion { get; }

    /// <summary>Bytes the tape's storage takes on disk (for SQLite, the database file); 0 in memory.</summary>
    long StorageBytes { get; }

    /// <summary>Bytes of its log of commits not yet folded into the storage (for SQLite, the <c>-wal</c> file); 0 in memory or when there is none.</summary>
    long LogBytes { get; }

    /// <summary>Runs the storage's housekeeping (checkpoints, statistics, vacuum when due), one step each.</summary>
    IReadOnlyList<MaintenanceStep> RunMaintenance();
}
