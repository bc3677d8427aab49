using System.Globalization;
using System.Text;
using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Merkle.Sqlite;

/// <summary>
/// The tree's nodes in a SQLite side file beside the tape (<c>merkle.db</c>, owner-only, WAL, synchronous=NORMAL:
/// the file is rebuilt from the tape whenever it cannot be trusted, so a commit lost with the power costs a rebuild of
/// one batch, never a wrong proof), or in a shared in-memory database beside an in-memory tape.
/// </summary>
internal sealed class SqliteTreeStore : ITreeNodeStore
{
    private readonly SqliteConnections _connections;
    private readonly SqliteConnection? _keepAlive;

    private SqliteTreeStore(SqliteConnections connections, SqliteConnection? keepAlive)
    {
        _connections = connections;
        _keepAlive = keepAlive;
    }

    /// <summary>The file at <paramref name="path"/>, made owner-only when missing, its tables created.</summary>
    public static SqliteTreeStore OpenFile(string path, int busyTimeoutMs)
    {
        var full = Path.GetFullPath(path);
        StoragePaths.EnsureDirectory(full);
        StoragePaths.EnsureOwnerOnlyFile(full);
        var connections = new SqliteConnections(full, busyTimeoutMs, durable: false);
        using (var connection = connections.Open())
        {
            SqliteConnections.EnableWal(connection);
            Execute(connection, MerkleSql.CreateTree);
        }

        StoragePaths.RestrictDatabaseFiles(full);
        return new SqliteTreeStore(connections, null);
    }

    /// <summary>A shared in-memory database, alive as long as the store.</summary>
    public static SqliteTreeStore OpenInMemory(int busyTimeoutMs)
    {
        var connections = SqliteConnections.InMemory("journal-merkle-" + Guid.NewGuid().ToString("N"), busyTimeoutMs);
        var keepAlive = connections.Open();
        Execute(keepAlive, MerkleSql.CreateTree);
        return new SqliteTreeStore(connections, keepAlive);
    }

    public Task<TreeState?> ReadStateAsync(CancellationToken ct)
    {
        using var session = _connections.Rent();
        using var reader = session.Command(MerkleSql.SelectState).ExecuteReader();
        TreeState? state = reader.Read()
            ? new TreeState(reader.GetInt64(0), Guid.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2))
            : null;
        return Task.FromResult(state);
    }

    public Task ResetAsync(CancellationToken ct)
    {
        using var session = _connections.Rent();
        using var transaction = session.Connection.BeginTransaction();
        session.Command(MerkleSql.ResetTree, transaction).ExecuteNonQuery();
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<(int Level, long Index), byte[]>> ReadNodesAsync(IReadOnlyCollection<(int Level, long Index)> keys, CancellationToken ct)
    {
        var found = new Dictionary<(int, long), byte[]>(keys.Count);
        if (keys.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<(int Level, long Index), byte[]>>(found);
        }

        var json = new StringBuilder("[", 2 + (keys.Count * 16));
        foreach (var (level, index) in keys)
        {
            json.Append(json.Length == 1 ? "[" : ",[").Append(level.ToString(CultureInfo.InvariantCulture)).Append(',').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        using var session = _connections.Rent();
        var command = session.Command(MerkleSql.SelectNodes);
        command.Parameters.AddWithValue("$keys", json.Append(']').ToString());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found[(reader.GetInt32(0), reader.GetInt64(1))] = (byte[])reader.GetValue(2);
        }

        return Task.FromResult<IReadOnlyDictionary<(int Level, long Index), byte[]>>(found);
    }

    public Task WriteAsync(IReadOnlyList<TreeNode> nodes, TreeState state, CancellationToken ct)
    {
        using var session = _connections.Rent();
        using var transaction = session.Connection.BeginTransaction();
        var insert = session.Command(MerkleSql.InsertNode, transaction);
        var level = insert.Parameters.Add("$level", SqliteType.Integer);
        var index = insert.Parameters.Add("$idx", SqliteType.Integer);
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        foreach (var node in nodes)
        {
            level.Value = node.Level;
            index.Value = node.Index;
            hash.Value = node.Hash;
            insert.ExecuteNonQuery();
        }

        var save = session.Command(MerkleSql.SaveState, transaction);
        save.Parameters.AddWithValue("$built_size", state.BuiltSize);
        save.Parameters.AddWithValue("$journal_id", state.JournalId.ToString());
        save.Parameters.AddWithValue("$built_hash", (object?)state.BuiltHash ?? DBNull.Value);
        save.ExecuteNonQuery();
        transaction.Commit();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _connections.ClearPool();
        _keepAlive?.Dispose();
        if (!_connections.IsInMemory)
        {
            StoragePaths.RestrictDatabaseFiles(_connections.DatabasePath);
        }

        return ValueTask.CompletedTask;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
