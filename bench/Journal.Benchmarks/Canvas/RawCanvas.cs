using Journal.Benchmarks.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Canvas;

/// <summary>The raw baselines: one patch row per transaction (WAL, synchronous=FULL), and a keyed read of one state row.</summary>
internal sealed class RawCanvas : IDisposable
{
    private readonly RawRowLog _log;
    private readonly SqliteCommand _insertState;
    private readonly SqliteCommand _readState;

    private RawCanvas(RawRowLog log)
    {
        _log = log;
        _insertState = log.Command("INSERT INTO states (version, state) VALUES ($version, $state);");
        _insertState.Parameters.Add("$version", SqliteType.Integer);
        _insertState.Parameters.Add("$state", SqliteType.Text);
        _readState = log.Command("SELECT state FROM states WHERE version = $version;");
        _readState.Parameters.Add("$version", SqliteType.Integer);
    }

    public static RawCanvas Open(string path) => new(RawRowLog.Open(
        path,
        "canvas-bench",
        ["warmup", "patches"],
        "CREATE TABLE states (version INTEGER PRIMARY KEY, state TEXT NOT NULL);"));

    public void InsertPatch(string table, string patch) => _log.Insert(table, patch);

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

    public void Dispose() => _log.Dispose();
}
