using System.Text;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Shared;

/// <summary>
/// The raw floor of the command benchmarks: one row per transaction (prepared <c>BEGIN IMMEDIATE</c>,
/// <c>INSERT</c>, <c>COMMIT</c>) on a WAL file with <c>synchronous=FULL</c>, as the tape is opened.
/// Each table holds <c>(seq, stream_id, stream_version, payload)</c> rows of one stream.
/// </summary>
internal sealed class RawRowLog : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _stream;
    private readonly List<SqliteCommand> _commands = [];
    private readonly Dictionary<string, SqliteCommand> _inserts = [];
    private readonly Dictionary<string, long> _versions = [];
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;

    private RawRowLog(SqliteConnection connection, string stream)
    {
        _connection = connection;
        _stream = stream;
        _begin = Command("BEGIN IMMEDIATE;");
        _commit = Command("COMMIT;");
    }

    /// <summary>Creates the file at <paramref name="path"/> with a row table per name in <paramref name="tables"/>, plus <paramref name="extraSchema"/>.</summary>
    public static RawRowLog Open(string path, string stream, IEnumerable<string> tables, string extraSchema = "")
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " + string.Concat(tables.Select(table =>
                $"CREATE TABLE {table} (seq INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL, payload BLOB NOT NULL); ")) + extraSchema;
            setup.ExecuteNonQuery();
        }

        return new RawRowLog(connection, stream);
    }

    /// <summary>Inserts <paramref name="text"/> as the next row of <paramref name="table"/>, in a transaction of its own.</summary>
    public void Insert(string table, string text)
    {
        if (!_inserts.TryGetValue(table, out var insert))
        {
            insert = Command($"INSERT INTO {table} (stream_id, stream_version, payload) VALUES ($stream, $version, $payload);");
            insert.Parameters.Add("$stream", SqliteType.Text).Value = _stream;
            insert.Parameters.Add("$version", SqliteType.Integer);
            insert.Parameters.Add("$payload", SqliteType.Blob);
            _inserts[table] = insert;
        }

        var version = _versions.GetValueOrDefault(table) + 1;
        _versions[table] = version;
        insert.Parameters["$version"].Value = version;
        insert.Parameters["$payload"].Value = Encoding.UTF8.GetBytes(text);
        _begin.ExecuteNonQuery();
        insert.ExecuteNonQuery();
        _commit.ExecuteNonQuery();
    }

    /// <summary>A command on the same connection, disposed with it.</summary>
    public SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        _commands.Add(command);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
