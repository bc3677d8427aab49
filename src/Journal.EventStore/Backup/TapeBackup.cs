using System.Diagnostics;
using Journal.EventStore.Chain;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Backup;

/// <summary>
/// Online backup of a tape with SQLite's backup API: every page is copied in one step under one
/// read transaction of the source, so the copy is the consistent tape as of one commit, while the
/// writer goes on committing (WAL readers never block it). The copy is written beside the target,
/// made a self-contained file (rollback journal, no <c>-wal</c>), flushed, and renamed into place,
/// so a reader of the target never sees half a backup. Files are owner-only (0600).
/// </summary>
public static class TapeBackup
{
    /// <summary>Copies the database behind <paramref name="source"/> to <paramref name="targetPath"/> (replacing it).</summary>
    /// <exception cref="ArgumentException">The target path is empty or has a <c>..</c> segment.</exception>
    public static Task<BackupResult> WriteAsync(SqliteConnections source, string targetPath, CancellationToken ct) =>
        WriteAsync(source, targetPath, replace: true, ct);

    /// <summary>
    /// Copies the database behind <paramref name="source"/> to <paramref name="targetPath"/>; without
    /// <paramref name="replace"/> a file already there (even one made while the copy ran) is kept and the
    /// backup fails. A failure leaves nothing at the target but what was there.
    /// </summary>
    /// <exception cref="ArgumentException">The target path is empty or has a <c>..</c> segment.</exception>
    /// <exception cref="IOException">The copy cannot take the target's place (a file there without <paramref name="replace"/>, a directory).</exception>
    public static Task<BackupResult> WriteAsync(SqliteConnections source, string targetPath, bool replace, CancellationToken ct) =>
        Task.Run(() => Write(source, targetPath, replace, ct), ct);

    /// <summary>
    /// Copies the file at <paramref name="sourcePath"/> into the database behind <paramref name="target"/>
    /// in one write transaction of the target: its readers see the old content or the new, never a mix,
    /// and a crash part-way leaves the old content. The target keeps its file (and so its permissions).
    /// </summary>
    public static void CopyInto(string sourcePath, SqliteConnection target)
    {
        using var source = OpenFile(sourcePath, SqliteOpenMode.ReadOnly);
        source.BackupDatabase(target);
    }

    /// <summary>Opens a private, unpooled connection to a file (so that it can be renamed or deleted when closed).</summary>
    internal static SqliteConnection OpenFile(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static BackupResult Write(SqliteConnections source, string targetPath, bool replace, CancellationToken ct)
    {
        StoragePaths.Validate(targetPath, "backup path");
        var clock = Stopwatch.StartNew();
        var target = Path.GetFullPath(targetPath);
        StoragePaths.EnsureDirectory(target);
        var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N");
        StoragePaths.EnsureOwnerOnlyFile(temporary);
        try
        {
            (long Seq, byte[] Hash) head;
            using (var destination = OpenFile(temporary, SqliteOpenMode.ReadWrite))
            {
                using (var from = source.Open())
                {
                    ct.ThrowIfCancellationRequested();
                    from.BackupDatabase(destination);
                }

                using (var command = destination.CreateCommand())
                {
                    // A backup is one file: no -wal to carry along, and readable read-only anywhere.
                    command.CommandText = "PRAGMA journal_mode=DELETE;";
                    command.ExecuteNonQuery();
                }

                head = ReadHead(destination);
            }

            using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: replace);
            StoragePaths.RestrictDatabaseFiles(target);
            return new BackupResult(target, head.Seq, Convert.ToHexStringLower(head.Hash), new FileInfo(target).Length, clock.Elapsed.TotalMilliseconds);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + "-journal");
        }
    }

    private static (long Seq, byte[] Hash) ReadHead(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectHead;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, ChainHash.Genesis.ToArray());
    }
}
