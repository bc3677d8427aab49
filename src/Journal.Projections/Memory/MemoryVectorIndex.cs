using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Journal.Domain.Memory;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>
/// Keeps each principal's current-model vectors in memory for recall, so a recall scans arrays instead
/// of reading every vector from SQLite. Each recall reads the principal's change stamps (one indexed
/// row, inside its own snapshot): when only items were added since the set was loaded, the set is
/// extended with them (one indexed range read); when items were updated or forgotten, vectors were
/// re-embedded, or the read-model generation or the model changed, the set is loaded again.
/// </summary>
public sealed class MemoryVectorIndex(ReadModelStore readModels, MemoryEmbeddings embeddings)
{
    private readonly ConcurrentDictionary<string, MemoryVectorSet> _sets = new(StringComparer.Ordinal);
    private readonly Lock _loading = new();
    private long _fullLoads;
    private long _extensions;

    /// <summary>How many times a principal's vectors were read in full (for tests and metrics).</summary>
    public long FullLoads => Interlocked.Read(ref _fullLoads);

    /// <summary>How many times a principal's set was extended with newly added items only.</summary>
    public long Extensions => Interlocked.Read(ref _extensions);

    /// <summary>Drops every cached set (they reload on the next recall).</summary>
    public void Clear() => _sets.Clear();

    /// <summary>
    /// The set of <paramref name="principal"/> as of <paramref name="transaction"/>'s snapshot: only vectors
    /// of the current model and of <paramref name="dimensions"/> (the query vector's length), so a vector of
    /// another model is never compared with the query.
    /// </summary>
    internal MemoryVectorSet For(SqliteTransaction transaction, string principal, int dimensions)
    {
        var stamps = ReadModelQueries.Row(transaction, MemorySql.SelectStamp, r => new long[] { r.GetInt64(0), r.GetInt64(1), r.GetInt64(2) }, ("$principal", principal)) ?? [0, 0, 0];
        var key = new MemoryVectorKey(readModels.Generation, stamps[0], stamps[1], stamps[2], embeddings.ModelId, dimensions);
        if (_sets.TryGetValue(principal, out var cached) && Serves(cached.Key, key))
        {
            return cached;
        }

        // One load at a time: two recalls of a changed principal would otherwise both read every vector.
        lock (_loading)
        {
            if (_sets.TryGetValue(principal, out cached) && Serves(cached.Key, key))
            {
                return cached;
            }

            MemoryVectorSet loaded;
            if (cached is not null && cached.Key.CanExtendTo(key))
            {
                loaded = Extend(transaction, principal, cached, key);
                Interlocked.Increment(ref _extensions);
            }
            else
            {
                loaded = Extend(transaction, principal, MemoryVectorSet.Empty(key with { Stamp = 0 }), key);
                Interlocked.Increment(ref _fullLoads);
            }

            _sets[principal] = loaded;
            return loaded;
        }
    }

    /// <summary>
    /// A cached set serves a reader when it was loaded at the reader's key, or when it is newer by added
    /// items only (a reader on an older snapshot: hits it cannot see are dropped when their rows are read).
    /// </summary>
    private static bool Serves(MemoryVectorKey cached, MemoryVectorKey reader) => cached == reader || reader.CanExtendTo(cached);

    private static MemoryVectorSet Extend(SqliteTransaction transaction, string principal, MemoryVectorSet from, MemoryVectorKey key)
    {
        var entries = new List<MemoryVectorSet.Entry>();
        var bytes = new byte[key.Dimensions * sizeof(float)];
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = from.Key.Stamp == 0 ? MemorySql.SelectVectors : MemorySql.SelectVectorsSince;
        command.Parameters.AddWithValue("$principal", principal);
        command.Parameters.AddWithValue("$model", key.Model);
        command.Parameters.AddWithValue("$dimensions", key.Dimensions);
        if (from.Key.Stamp != 0)
        {
            command.Parameters.AddWithValue("$after", from.Key.Stamp);
        }

        using var reader = command.ExecuteReader();
        var flat = new float[Math.Max(1, key.Dimensions * 64)];
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

        return from.Extend(key, entries, flat.AsSpan(0, count * key.Dimensions));
    }
}
