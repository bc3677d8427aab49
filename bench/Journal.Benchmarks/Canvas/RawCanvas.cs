using System.Text;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Canvas;

/// <summary>The raw baselines: one patch row per transaction (WAL, synchronous=FULL), and a keyed read of one state row.</summary>
internal sealed class RawCanvas : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _inserts = [];
    private readonly Dictionary<string, long> _versions = [];
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _insertState;
    private readonly SqliteCommand _readState;

    private RawCanvas(SqliteConnection connection)
    {
        _connection = connection;
        _begin = Command("BEGIN IMMEDIATE;");
        _commit = Command("COMMIT;");
        _insertState = Command("INSERT INTO states (version, state) VALUES ($version, $state);");
        _insertState.Parameters.Add("$version", SqliteType.Integer);
        _insertState.Parameters.Add("$state", SqliteType.Text);
        _readState = Command("SELECT state FROM states WHERE version = $version;");
        _readState.Parameters.Add("$version", SqliteType.Integer);
    }

    public static RawCanvas Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=FULL;
                CREATE TABLE warmup (seq INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, payload BLOB NOT NULL);
                CREATE TABLE patches (seq INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, payload BLOB NOT NULL);
                CREATE TABLE states (version INTEGER PRIMARY KEY, state TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }

        return new RawCanvas(connection);
    }

    public void InsertPatch(string table, string patch)
    {
        if (!_inserts.TryGetValue(table, out var insert))
        {
            insert = Command($"INSERT INTO {table} (stream_id, stream_version, payload) VALUES ($stream, $version, $payload);");
            insert.Parameters.Add("$stream", SqliteType.Text).Value = "canvas-bench";
            insert.Parameters.Add("$version", SqliteType.Integer);
            insert.Parameters.Add("$payload", SqliteType.Blob);
            _inserts[table] = insert;
        }

        var version = _versions.GetValueOrDefault(table) + 1;
        _versions[table] = version;
        insert.Parameters["$version"].Value = version;
        insert.Parameters["$payload"].Value = Encoding.UTF8.GetBytes(patch);
        _begin.ExecuteNonQuery();
        insert.ExecuteNonQuery();
        _commit.ExecuteNonQuery();
    }

    public void InsertState(long version, string state)
    {
        _insertState.Parameters["$version"].Value = version;
        _insertState.Parameters["$state"].Value = state;
        _insertState.ExecuteNonQuery();
    }

    public string ReadState(long version)
    {
        _readState.Parameters["$version"].Value = version;
        return (string)_readState.ExecuteScalar()!;
    }

    public void Dispose()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Dispose();
        }

        _begin.Dispose();
        _commit.Dispose();
        _insertState.Dispose();
        _readState.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
