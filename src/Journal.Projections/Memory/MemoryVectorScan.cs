using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using Journal.Projections.Runtime;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>What the vector branch of a recall found.</summary>
/// <param name="Top">The best entries by full-precision similarity, best first.</param>
/// <param name="Similarities">The full-precision similarity of each item asked for that has a current vector.</param>
internal sealed record MemoryVectorHits(List<(MemoryVectorSet.Entry Entry, float Similarity)> Top, Dictionary<long, float> Similarities);

/// <summary>
/// The read-model side of recall's vector branch: a principal too large for the cache is scanned from
/// <c>memory_v1_vectors</c> one row at a time, in place (memory stays at the best few), and an int8
/// scan's candidates are scored again at full precision from the same rows.
/// </summary>
internal static class MemoryVectorScan
{
    /// <summary>
    /// Every vector of <paramref name="principal"/> of <paramref name="model"/> at the query's length, read in
    /// <paramref name="transaction"/>: the best <paramref name="limit"/> passing <paramref name="filter"/>, and
    /// the similarity of each of <paramref name="alsoScore"/>. Rows are read in place and filtered on their
    /// bytes, so the scan allocates the same whatever the principal's size: the kept entries carry what recall
    /// ranks by (row, source, confidence, creation, expiry), not the channel, session and tags already matched.
    /// </summary>
    public static MemoryVectorHits Scan(
        SqliteTransaction transaction, string principal, string model, float[] query, MemoryRecallFilter filter, int limit, IReadOnlySet<long> alsoScore)
    {
        using var rows = new PreparedRead(transaction, MemorySql.SelectVectors, ("$principal", principal), ("$model", model), ("$dimensions", query.Length));
        var accepts = new MemoryVectorRow.Filter(filter);
        var best = new PriorityQueue<MemoryVectorSet.Entry, float>(limit + 1);
        var similarities = new Dictionary<long, float>();
        var length = query.Length * sizeof(float);
        while (rows.Read())
        {
            var vector = MemoryVectorRow.VectorBytes(rows, length);
            if (vector.IsEmpty)
            {
                continue;
            }

            var rowid = rows.Int64(MemoryVectorRow.Rowid);
            var similarity = TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(vector), query);
            if (alsoScore.Contains(rowid))
            {
                similarities[rowid] = similarity;
            }

            var expiresAt = MemoryVectorRow.Expiry(rows);
            if (expiresAt <= filter.Now || (best.Count >= limit && best.TryPeek(out _, out var worst) && similarity <= worst))
            {
                continue;
            }

            var source = MemoryVectorRow.SourceIndex(rows);
            if (!accepts.Accepts(rows, source))
            {
                continue;
            }

            var entry = new MemoryVectorSet.Entry(
                rowid, null, null, string.Empty, source, rows.Double(MemoryVectorRow.Confidence), rows.Int64(MemoryVectorRow.CreatedAt), expiresAt, 0);
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
        using var rows = new PreparedRead(
            transaction, MemorySql.SelectVectorsOf, ("$rowids", JsonSerializer.Serialize(rowids)), ("$model", model), ("$dimensions", query.Length));
        var exact = new Dictionary<long, float>();
        var length = query.Length * sizeof(float);
        while (rows.Read())
        {
            var vector = rows.Bytes(1);
            if (vector.Length >= length)
            {
                exact[rows.Int64(0)] = TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(vector[..length]), query);
            }
        }

        return exact;
    }
}
