using System.Globalization;
using Journal.EventStore.Schema;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore;

/// <summary>
/// An opened tape file: created owner-only, switched to WAL, migrated to the newest schema, with
/// its journal id. Owns the connection factory; disposing it releases pooled connections.
/// </summary>
public sealed class TapeFile : IAsyncDisposable
{
    private TapeFile(JournalStoreOptions options, SqliteConnections connections, Guid journalId, int schemaVersion)
    {
        Options = options;
        Connections = connections;
        JournalId = journalId;
        SchemaVersion = schemaVersion;
    }

    /// <summary>The settings it was opened with.</summary>
    public JournalStoreOptions Options { get; }

    /// <summary>Opens connections to the file.</summary>
    public SqliteConnections Connections { get; }

    /// <summary>Full path of the file.</summary>
    public string DatabasePath => Connections.DatabasePath;

    /// <summary>The journal's id, made when the file was created; named in signed checkpoints.</summary>
    public Guid JournalId { get; }

    /// <summary>The schema version of the file (the newest this code knows, once opened).</summary>
    public int SchemaVersion { get; }

    /// <summary>
    /// Opens (creating when missing) the tape file and returns it with a dedicated writer connection.
    /// </summary>
    /// <exception cref="SchemaException">The file's schema is newer than this code, or a checksum differs.</exception>
    internal static TapeFile Open(JournalStoreOptions options, TimeProvider time, out SqliteConnection writerConnection)
    {
        options.Validate();
        if (options.InMemory)
        {
            return OpenInMemory(options, time, out writerConnection);
        }

        var path = Path.GetFullPath(options.DatabasePath);
        try
        {
            StoragePaths.EnsureDirectory(path);
            StoragePaths.EnsureOwnerOnlyFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A missing, read-only or unreachable data directory: say which path, not a stack trace.
            throw new StorageException($"the journal cannot create or open '{path}' (data directory '{Path.GetDirectoryName(path)}'): {ex.Message}", ex);
        }

        var connections = new SqliteConnections(path, options.BusyTimeoutMs);
        SqliteConnection? connection = null;
        try
        {
            connection = connections.Open();
            SqliteConnections.EnableWal(connection);
            Migrator.Migrate(connection, MigrationSet.Tape(), time);
            var journalId = EnsureJournalId(connection, time);
            StoragePaths.RestrictDatabaseFiles(path);
            writerConnection = connection;
            return new TapeFile(options, connections, journalId, Migrator.CurrentVersion(connection));
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            connections.ClearPool();
            throw StorageException.From($"the tape file '{path}' could not be opened for writing", ex);
        }
        catch
        {
            connection?.Dispose();
            connections.ClearPool();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Connections.ClearPool();
        if (!Connections.IsInMemory)
        {
            StoragePaths.RestrictDatabaseFiles(DatabasePath);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The in-memory tape: a shared in-memory database of this process, kept alive by the writer
    /// connection (held for the store's life); the snapshot, when there is one, is verified and copied in
    /// with the backup API before the schema is checked, so a broken snapshot stops the start.
    /// </summary>
    private static TapeFile OpenInMemory(JournalStoreOptions options, TimeProvider time, out SqliteConnection writerConnection)
    {
        var connections = SqliteConnections.InMemory("journal-tape-" + Guid.NewGuid().ToString("N"), options.BusyTimeoutMs);
        var connection = connections.Open();
        try
        {
            if (options.SnapshotPath is { } snapshot && File.Exists(snapshot))
            {
                LoadSnapshot(snapshot, connection, options.BusyTimeoutMs);
            }

            Migrator.Migrate(connection, MigrationSet.Tape(), time);
            var journalId = EnsureJournalId(connection, time);
            writerConnection = connection;
            return new TapeFile(options, connections, journalId, Migrator.CurrentVersion(connection));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void LoadSnapshot(string snapshot, SqliteConnection memory, int busyTimeoutMs)
    {
        using (var inspector = Inspection.TapeInspector.Open(snapshot, busyTimeoutMs))
        {
            var report = inspector.Verifier.VerifyAsync().GetAwaiter().GetResult();
            if (report.FirstMismatch is { } m)
            {
                throw new StorageException($"the snapshot '{Path.GetFullPath(snapshot)}' is broken at seq {m.Seq} ({m.Code}); restore a good one or move it away");
            }
        }

        Backup.TapeBackup.CopyInto(Path.GetFullPath(snapshot), memory);
    }

    private static Guid EnsureJournalId(SqliteConnection connection, TimeProvider time)
    {
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = TapeSql.InsertJournalInfo;
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var value = insert.Parameters.Add("$value", SqliteType.Text);
            key.Value = "journal_id";
            value.Value = Guid.CreateVersion7(time.GetUtcNow()).ToString();
            insert.ExecuteNonQuery();
            key.Value = "created_at";
            value.Value = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            insert.ExecuteNonQuery();
        }

        using var select = connection.CreateCommand();
        select.CommandText = TapeSql.SelectJournalInfo;
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetString(0) == "journal_id")
            {
                return Guid.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("journal_info has no journal_id");
    }
}
