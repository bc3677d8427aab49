using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Storage;

/// <summary>
/// Opens connections to one SQLite file with the journal's settings on every connection:
/// WAL, synchronous=FULL, foreign keys on, a busy timeout.
/// </summary>
public sealed class SqliteConnections
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    /// <summary>Creates a factory for <paramref name="databasePath"/>.</summary>
    public SqliteConnections(string databasePath, int busyTimeoutMs, bool readOnly = false)
    {
        DatabasePath = databasePath;
        _busyTimeoutMs = busyTimeoutMs;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, busyTimeoutMs / 1000),
        }.ToString();
    }

    /// <summary>The file these connections open.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens a connection with the journal's pragmas applied.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the idle pooled connections to this file, so that it can be moved, replaced or deleted.</summary>
    public void ClearPool()
    {
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
