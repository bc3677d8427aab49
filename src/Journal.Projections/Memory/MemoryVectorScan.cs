using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using Journal.Domain.Memory;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>What the vector branch of a recall found.</summary>
/// <param name="Top">The best entries by full-precision similarity, best first.</param>
/// <param name="Similarities">The full-precision similarity of each item asked for that has a current vector.</param>
internal sealed record MemoryVectorHits(List<(MemoryVectorSet.Entry Entry, float Similarity)> Top, Dictionary<long, float> Similarities);

/// <summary>
/// The read-model side of recall's vector branch: a principal too large for the cache is scanned from
/// <c>memory_v1_vectors</c> one row at a time (memory stays at one vector and the best few), and an int8
/// scan's candidates are scored again at full precision from the same rows.
/// </summary>
internal static class MemoryVectorScan
{
    /// <summary>
    /// Every vector of <paramref name="principal"/> of <paramref name="model"/> at the query's length, read in
    /// <paramref name="transaction"/>: the best <paramref name="limit"/> passing <paramref name="filter"/>, and
    /// the similarity of each of <paramref name="alsoScore"/>.
    /// </summary>
    public static MemoryVectorHits Scan(
        SqliteTransaction transaction, string principal, string model, float[] query, MemoryRecallFilter filter, int limit, IReadOnlySet<long> alsoScore)
    {
        using var command = Command(transaction, MemorySql.SelectVectors, model, query.Length);
        command.Parameters.AddWithValue("$principal", principal);
        var best = new PriorityQueue<MemoryVectorSet.Entry, float>(limit + 1);
        var similarities = new Dictionary<long, float>();
        var bytes = new byte[query.Length * sizeof(float)];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetBytes(8, 0, bytes, 0, bytes.Length) != bytes.Length)
            {
                continue;
            }

            var rowid = reader.GetInt64(0);
            var similarity = TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(bytes), query);
            if (alsoScore.Contains(rowid))
            {
                similarities[rowid] = similarity;
            }

            var expiresAt = reader.IsDBNull(7) ? long.MaxValue : reader.GetInt64(7);
            if (expiresAt <= filter.Now || (best.Count >= limit && best.TryPeek(out _, out var worst) && similarity <= worst))
            {
                continue;
            }

            var entry = new MemoryVectorSet.Entry(
                rowid,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                Math.Max(0, MemorySources.IndexOf(reader.GetString(4))),
                reader.GetDouble(5),
                reader.GetInt64(6),
                expiresAt);
            if (!filter.IsPlain && !filter.Accepts(entry))
            {
                continue;
            }

            if (best.Count < limit)
            {
                best.Enqueue(entry, similarity);
            }
            else
            {
                best.DequeueEnqueue(entry, similarity);
            }
        }

        var top = new List<(MemoryVectorSet.Entry, float)>(best.Count);
        while (best.TryDequeue(out var entry, out var similarity))
        {
            top.Add((entry, similarity));
        }

        top.Reverse();
        return new MemoryVectorHits(top, similarities);
    }

    /// <summary>
    /// The int8 scan's <paramref name="candidates"/> scored again at full precision, best first, the best
    /// <paramref name="limit"/> kept; with the full-precision similarity of <paramref name="alsoScore"/> too.
    /// </summary>
    public static MemoryVectorHits Rerank(
        SqliteTransaction transaction, string model, float[] query, IEnumerable<MemoryVectorSet.Entry> candidates, int limit, IReadOnlySet<long> alsoScore)
    {
        var entries = candidates.ToList();
        var exact = Exact(transaction, model, query, entries.Select(e => e.Rowid).Concat(alsoScore).Distinct());
        var top = entries
            .Where(e => exact.ContainsKey(e.Rowid))
            .Select(e => (Entry: e, Similarity: exact[e.Rowid]))
            .OrderByDescending(h => h.Similarity)
            .ThenBy(h => h.Entry.Rowid)
            .Take(limit)
            .ToList();
        return new MemoryVectorHits(top, exact);
    }

    private static Dictionary<long, float> Exact(SqliteTransaction transaction, string model, float[] query, IEnumerable<long> rowids)
    {
        using var command = Command(transaction, MemorySql.SelectVectorsOf, model, query.Length);
        command.Parameters.AddWithValue("$rowids", JsonSerializer.Serialize(rowids));
        var exact = new Dictionary<long, float>();
        var bytes = new byte[query.Length * sizeof(float)];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetBytes(1, 0, bytes, 0, bytes.Length) == bytes.Length)
            {
                exact[reader.GetInt64(0)] = TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(bytes), query);
            }
        }

        return exact;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, string model, int dimensions)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$dimensions", dimensions);
        return command;
    }
}
