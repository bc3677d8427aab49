using Journal.EventStore.Sql;
using Journal.EventStore.Storage;

namespace Journal.EventStore.Verification;

/// <summary>
/// Checks a SQLite tape as docs/hash-chain.md specifies (<see cref="ChainVerification"/> holds the checks): positions
/// without gaps, each column in its storage class, each prev_hash equal to the hash before it (or naming the row it
/// chains to when rows were moved), each payload's digest, each recomputed hash, each stream's versions 1..n, and
/// that every erased payload is listed by a later erasure record. Reads columns as spans straight from SQLite (no
/// per-row allocation but one key per new stream).
/// </summary>
public sealed class TapeVerifier(SqliteConnections connections)
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private static readonly string QuickCheckSql = SqlText.Load("Inspection/QuickCheck.sql");

    /// <summary>Verifies positions <paramref name="from"/>..<paramref name="to"/> (the head when null).</summary>
    public Task<VerificationReport> VerifyAsync(long from = 1, long? to = null, CancellationToken ct = default) =>
        Task.Run(() => InSnapshotAsync(source => ChainVerification.VerifyAsync(source, Math.Max(1, from), to ?? long.MaxValue, ct)), ct);

    /// <summary>The head and the count and digest of the erased positions up to it, as a checkpoint signs them, in one snapshot.</summary>
    public Task<Checkpoints.CheckpointState> ReadCheckpointStateAsync(CancellationToken ct) =>
        Task.Run(() => InSnapshotAsync(source => ErasureLedger.ReadStateAsync(source, ct)), ct);

    /// <summary>
    /// The erasures seen from a checkpointed position: each erased payload a record after it lists (with that
    /// record), and the count and digest of the others up to it, to compare with what the checkpoint signed.
    /// </summary>
    public Task<Checkpoints.ErasureAudit> AuditErasuresAsync(long checkpointSeq, CancellationToken ct) =>
        Task.Run(() => InSnapshotAsync(source => ErasureLedger.AuditAsync(source, checkpointSeq, ct)), ct);

    /// <summary>The stored hash of the row at <paramref name="seq"/>; null when there is no such row.</summary>
    public byte[]? ReadHashAt(long seq)
    {
        using var connection = connections.Open();
        return SqliteChainSource.ReadHashAt(connection, seq);
    }

    /// <summary>The newest position; 0 for an empty tape.</summary>
    public long ReadHeadSeq()
    {
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectHead;
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : 0;
    }

    /// <summary>
    /// The stored hashes of positions <paramref name="from"/>..<paramref name="to"/> in order, read lazily in one
    /// snapshot: the leaves of the tape's Merkle tree, for checkers that trust the rows alone.
    /// </summary>
    public IEnumerable<byte[]> ReadHashes(long from, long to)
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.CommandText = Merkle.MerkleSql.SelectHashRange;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (byte[])reader.GetValue(1);
        }
    }

    /// <summary>
    /// SQLite's structural check of the whole file (<c>PRAGMA quick_check</c>): every page readable and
    /// well formed. Answers the problems found, none when the file is sound.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckFileAsync(CancellationToken ct = default) => await Task.Run(() => CheckFile(ct), ct).ConfigureAwait(false);

    /// <summary>
    /// The bounded structural check of the file's end: the last <paramref name="rows"/> rows through the table and
    /// each index (<c>Sql/Tape/CheckTail.sql</c>). Answers the problems found, none when that part is sound.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckTailAsync(int rows, CancellationToken ct) => await Task.Run(() => CheckTail(rows), ct).ConfigureAwait(false);

    private async Task<T> InSnapshotAsync<T>(Func<IChainSource, Task<T>> check)
    {
        var source = SqliteChainSource.Open(connections);
        await using (source.ConfigureAwait(false))
        {
            return await check(source).ConfigureAwait(false);
        }
    }

    private List<string> CheckTail(int rows)
    {
        try
        {
            using var connection = connections.Open();
            using var transaction = connection.BeginTransaction(deferred: true);
            long head;
            using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = TapeSql.SelectHead;
                head = select.ExecuteScalar() is long seq ? seq : 0;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = TapeSql.CheckTail;
            command.Parameters.AddWithValue("$from", Math.Max(0, head - Math.Max(1, rows)));
            using var reader = command.ExecuteReader();
            reader.Read();
            var (table, byId, byStream, byType) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            var problems = new List<string>();
            foreach (var (index, found) in new[] { ("event id", byId), ("stream and version", byStream), ("type", byType) })
            {
                if (found != table)
                {
                    problems.Add(FormattableString.Invariant($"the index by {index} finds {found} of the last {table} rows"));
                }
            }

            return problems;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            return [ex.Message];
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.Message.Contains("no such", StringComparison.Ordinal))
        {
            // A missing index or table is a damaged tape too, not a reason to stop the check.
            return [ex.Message];
        }
    }

    private List<string> CheckFile(CancellationToken ct)
    {
        try
        {
            using var connection = connections.Open();
            using var command = connection.CreateCommand();
            command.CommandText = QuickCheckSql;
            using var reader = command.ExecuteReader();
            var problems = new List<string>();
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                var line = reader.GetString(0);
                if (line != "ok")
                {
                    problems.Add(line);
                }
            }

            return problems;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            return [ex.Message];
        }
    }
}
