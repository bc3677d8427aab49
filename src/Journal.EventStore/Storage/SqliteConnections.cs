using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Storage;

/// <summary>
/// Opens connections to one SQLite file with the journal's settings on every connection:
/// WAL, synchronous=FULL, foreign keys on, a busy timeout, secure delete.
/// </summary>
public sealed class SqliteConnections
{
    private const int MaxIdleSessions = 8;
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly string _synchronous;
    private readonly ReadSessionPool _sessions;

    /// <summary>Creates a factory for <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The file.</param>
    /// <param name="busyTimeoutMs">How long to wait for another process's lock.</param>
    /// <param name="readOnly">Open read-only.</param>
    /// <param name="durable">
    /// <c>synchronous=FULL</c> (every commit reaches the disk) when true, as the tape needs;
    /// <c>NORMAL</c> when false, for files that can be rebuilt from the tape (read models).
    /// </param>
    public SqliteConnections(string databasePath, int busyTimeoutMs, bool readOnly = false, bool durable = true)
        : this(databasePath, busyTimeoutMs, readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite, SqliteCacheMode.Private, durable ? "FULL" : "NORMAL")
    {
    }

    private SqliteConnections(string dataSource, int busyTimeoutMs, SqliteOpenMode mode, SqliteCacheMode cache, string synchronous)
    {
        DatabasePath = dataSource;
        IsInMemory = mode == SqliteOpenMode.Memory;
        _busyTimeoutMs = busyTimeoutMs;
        _synchronous = synchronous;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = dataSource,
            Mode = mode,
            Cache = cache,
            Pooling = true,
            DefaultTimeout = Math.Max(1, busyTimeoutMs / 1000),
        }.ToString();
        _sessions = new ReadSessionPool(Open, MaxIdleSessions);
    }

    /// <summary>
    /// Connections to a named, shared in-memory database of this process. It lives as long as one
    /// connection to it is open, so its owner keeps one open for its whole life.
    /// </summary>
    /// <param name="name">A name unique in the process.</param>
    /// <param name="busyTimeoutMs">How long a statement retries while another connection holds a table lock.</param>
    public static SqliteConnections InMemory(string name, int busyTimeoutMs) =>
        new(name, busyTimeoutMs, SqliteOpenMode.Memory, SqliteCacheMode.Shared, "OFF");

    /// <summary>The file these connections open (the database's name when in memory).</summary>
    public string DatabasePath { get; }

    /// <summary>Whether the database is a shared in-memory one rather than a file.</summary>
    public bool IsInMemory { get; }

    /// <summary>Opens a connection with the journal's pragmas applied.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // secure_delete: erased payloads and forgotten read-model rows are overwritten with zeros on
            // disk, not merely unlinked, so erasure really removes the bytes (see the memory feature).
            command.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA foreign_keys=ON; PRAGMA synchronous={_synchronous}; PRAGMA secure_delete=ON;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lends an open connection that keeps its prepared statements between borrowers; dispose the
    /// session to give it back. For short reads on the hot path.
    /// </summary>
    public ReadSession Rent() => _sessions.Rent();

    /// <summary>Closes the idle pooled connections to this file, so that it can be moved, replaced or deleted.</summary>
    public void ClearPool()
    {
        _sessions.Clear();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Switches the file to WAL mode (persistent; needs a writable connection).</summary>
    public static void EnableWal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) && !string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"could not switch '{connection.DataSource}' to WAL mode (got '{mode}')");
        }
    }
}
