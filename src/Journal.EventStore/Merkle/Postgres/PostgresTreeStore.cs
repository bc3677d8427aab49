using System.Globalization;
using Journal.EventStore.Merkle.Tree;
using Npgsql;
using NpgsqlTypes;

namespace Journal.EventStore.Merkle.Postgres;

/// <summary>
/// The tree's nodes in the tape's PostgreSQL database (<c>journal_merkle_nodes</c>, migration 0004). Every instance
/// builds: a node's hash depends on the tape alone, so a node two instances write at once is inserted once
/// (<c>ON CONFLICT DO NOTHING</c>) and the built size only moves forward.
/// </summary>
internal sealed class PostgresTreeStore(NpgsqlDataSource dataSource) : ITreeNodeStore
{
    public async Task<TreeState?> ReadStateAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(MerkleSql.PostgresSelectState);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new TreeState(reader.GetInt64(0), Guid.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2));
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(MerkleSql.PostgresResetTree, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<(int Level, long Index), byte[]>> ReadNodesAsync(IReadOnlyCollection<(int Level, long Index)> keys, CancellationToken ct)
    {
        var found = new Dictionary<(int, long), byte[]>(keys.Count);
        if (keys.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand(MerkleSql.PostgresSelectNodes);
        command.Parameters.Add(new NpgsqlParameter("levels", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = keys.Select(k => (short)k.Level).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("idxs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keys.Select(k => k.Index).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            found[(reader.GetInt16(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        }

        return found;
    }

    public async Task WriteAsync(IReadOnlyList<TreeNode> nodes, TreeState state, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand(MerkleSql.PostgresInsertNodes, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter("levels", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = nodes.Select(n => (short)n.Level).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("idxs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = nodes.Select(n => n.Index).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = nodes.Select(n => n.Hash).ToArray() });
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using (var save = new NpgsqlCommand(MerkleSql.PostgresSaveState, connection, transaction))
        {
            save.Parameters.AddWithValue("built_size", state.BuiltSize);
            save.Parameters.AddWithValue("journal_id", state.JournalId.ToString());
            save.Parameters.Add(new NpgsqlParameter("built_hash", NpgsqlDbType.Bytea) { Value = (object?)state.BuiltHash ?? DBNull.Value });
            await save.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The data source is the tape's: its owner disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
