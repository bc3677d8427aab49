using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Journal.Domain.Memory;
using Journal.Domain.Memory.Embeddings;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>
/// Keeps each principal's current-model vectors in memory for recall, so a recall scans arrays instead
/// of reading every vector from SQLite. A principal's set is reloaded whenever its change stamp (written
/// by the projection and by the embedder) or the read-model generation differs from what was loaded;
/// the check is one indexed read, inside the recall's own snapshot.
/// </summary>
public sealed class MemoryVectorIndex(ReadModelStore readModels, IMemoryEmbeddingProvider embeddings)
{
    private readonly ConcurrentDictionary<string, MemoryVectorSet> _sets = new(StringComparer.Ordinal);
    private readonly Lock _loading = new();

    /// <summary>Drops every cached set (they reload on the next recall).</summary>
    public void Clear() => _sets.Clear();

    /// <summary>The set of <paramref name="principal"/> as of <paramref name="transaction"/>'s snapshot.</summary>
    internal MemoryVectorSet For(SqliteTransaction transaction, string principal)
    {
        var stamps = ReadModelQueries.Row(transaction, MemorySql.SelectStamp, r => new long[] { r.GetInt64(0), r.GetInt64(1) }, ("$principal", principal)) ?? [0, 0];
        var key = new MemoryVectorKey(readModels.Generation, stamps[0], stamps[1], embeddings.ModelId, embeddings.Dimensions, embeddings.Version);
        if (_sets.TryGetValue(principal, out var cached) && cached.Key == key)
        {
            return cached;
        }

        // One load at a time: two recalls of a changed principal would otherwise both read every vector.
        lock (_loading)
        {
            if (_sets.TryGetValue(principal, out cached) && cached.Key == key)
            {
                return cached;
            }

            var loaded = Load(transaction, principal, key);
            _sets[principal] = loaded;
            return loaded;
        }
    }

    private static MemoryVectorSet Load(SqliteTransaction transaction, string principal, MemoryVectorKey key)
    {
        var entries = new List<MemoryVectorSet.Entry>();
        var bytes = new byte[key.Dimensions * sizeof(float)];
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = MemorySql.SelectVectors;
        command.Parameters.AddWithValue("$principal", principal);
        command.Parameters.AddWithValue("$model", key.Model);
        command.Parameters.AddWithValue("$dimensions", key.Dimensions);
        command.Parameters.AddWithValue("$version", key.Version);
        using var reader = command.ExecuteReader();
        var flat = new float[1024 * key.Dimensions];
        var count = 0;
        while (reader.Read())
        {
            if (reader.GetBytes(8, 0, bytes, 0, bytes.Length) != bytes.Length)
            {
                continue;
            }

            if ((count + 1) * key.Dimensions > flat.Length)
            {
                Array.Resize(ref flat, flat.Length * 2);
            }

            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(flat.AsSpan(count * key.Dimensions, key.Dimensions));
            count++;
            entries.Add(new MemoryVectorSet.Entry(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                Math.Max(0, MemorySources.IndexOf(reader.GetString(4))),
                reader.GetDouble(5),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? long.MaxValue : reader.GetInt64(7)));
        }

        Array.Resize(ref flat, count * key.Dimensions);
        return new MemoryVectorSet(key, key.Dimensions, entries, flat);
    }
}
