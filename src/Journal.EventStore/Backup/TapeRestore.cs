using Journal.EventStore.Inspection;
using Journal.EventStore.Storage;
using Journal.EventStore.Verification;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Backup;

/// <summary>What a restore did.</summary>
/// <param name="Backup">The verification of the backup, made before anything was replaced.</param>
/// <param name="Restored">Whether the tape was replaced (false when the backup's chain is broken).</param>
/// <param name="Tape">The verification of the restored tape; null when nothing was restored.</param>
public sealed record RestoreResult(VerificationReport Backup, bool Restored, VerificationReport? Tape);

/// <summary>
/// Restores a tape from a backup: the backup's whole chain is verified first and a broken backup is
/// refused with nothing touched; then the backup is copied into the tape file in one write transaction
/// (atomic for any reader, rolled back by a crash part-way), keeping the file and its owner-only mode.
/// Run it with the service stopped: a running service keeps its own idea of the head.
/// </summary>
public static class TapeRestore
{
    /// <summary>Verifies <paramref name="backupPath"/> and, when intact, replaces the tape at <paramref name="tapePath"/> with it.</summary>
    /// <exception cref="FileNotFoundException">There is no backup file.</exception>
    /// <exception cref="Schema.SchemaException">The backup is not a journal file, or comes from a newer version.</exception>
    public static async Task<RestoreResult> RestoreAsync(string backupPath, string tapePath, int busyTimeoutMs, CancellationToken ct)
    {
        StoragePaths.Validate(tapePath, "db");
        VerificationReport backup;
        using (var inspector = TapeInspector.Open(backupPath, busyTimeoutMs))
        {
            backup = await inspector.Verifier.VerifyAsync(ct: ct).ConfigureAwait(false);
        }

        if (!backup.IsIntact)
        {
            return new RestoreResult(backup, false, null);
        }

        var target = Path.GetFullPath(tapePath);
        StoragePaths.EnsureDirectory(target);
        StoragePaths.EnsureOwnerOnlyFile(target);
        await Task.Run(() => Copy(Path.GetFullPath(backupPath), target, busyTimeoutMs), ct).ConfigureAwait(false);
        StoragePaths.RestrictDatabaseFiles(target);
        using var restored = TapeInspector.Open(target, busyTimeoutMs);
        var tape = await restored.Verifier.VerifyAsync(ct: ct).ConfigureAwait(false);
        return new RestoreResult(backup, true, tape);
    }

    private static void Copy(string backupPath, string target, int busyTimeoutMs)
    {
        using var connection = TapeBackup.OpenFile(target, SqliteOpenMode.ReadWrite);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA busy_timeout={busyTimeoutMs};";
            pragma.ExecuteNonQuery();
        }

        TapeBackup.CopyInto(backupPath, connection);
        SqliteConnections.EnableWal(connection);
    }
}
