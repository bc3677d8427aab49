using Journal.EventStore.Backup;

namespace Journal.EventStore.Ports;

/// <summary>Online backups of a running tape.</summary>
public interface ITapeBackup
{
    /// <summary>Writes a consistent copy of the tape to <paramref name="targetPath"/> and checks it.</summary>
    Task<BackupResult> BackupAsync(string targetPath, CancellationToken ct);
}
