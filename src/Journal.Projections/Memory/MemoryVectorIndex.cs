using System.Runtime.InteropServices;
using Journal.Domain.Memory;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>
/// Keeps principals' current-model vectors in memory for recall, under a byte budget
/// (<see cref="MemoryOptions.VectorCacheBytes"/>): the vectors themselves live in the read model
/// (<c>memory_v1_vectors</c>) and a principal's set is read on its first recall. When a set would take the
/// cache past its budget, the least recently recalled principals are dropped first; a principal whose set
/// alone is larger than the budget is never cached (<see cref="For"/> answers null and recall scans the
/// read model, see <see cref="MemoryVectorScan"/>). Each recall reads the principal's change stamps (one
/// indexed row, inside its own snapshot): when only items were added since the set was loaded, the set is
/// extended with them (one indexed range read); when items were updated or forgotten, vectors were
/// re-embedded, or the read-model generation or the model changed, the set is loaded again.
/// </summary>
public sealed class MemoryVectorIndex(ReadModelStore readModels, MemoryEmbeddings embeddings, MemoryOptions options)
{
    // Principals found larger than the budget are remembered (by key) so each recall does not try to load them
    // again; the list is small and capped, since every principal in it costs a few dozen bytes.
    private const int MaxOversized = 1024;

    private readonly Dictionary<string, LinkedListNode<MemoryVectorSet>> _sets = new(StringComparer.Ordinal);
    private readonly LinkedList<MemoryVectorSet> _recent = new();
    private readonly Dictionary<string, MemoryVectorKey> _oversized = new(StringComparer.Ordinal);
    private readonly Dictionary<MemoryVectorSet, string> _owners = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private readonly Lock _loading = new();
    private long _bytes;
    private long _fullLoads;
    private long _extensions;
    private long _evictions;

    /// <summary>How many times a principal's vectors were read in full (for tests and metrics).</summary>
    public long FullLoads => Interlocked.Read(ref _fullLoads);

    /// <summary>How many times a principal's set was extended with newly added items only.</summary>
    public long Extensions => Interlocked.Read(ref _extensions);

    /// <summary>How many principals' sets were dropped to stay within the budget.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The bytes the cached sets hold, as counted against <see cref="BudgetBytes"/>.</summary>
    public long CachedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The budget: <see cref="MemoryOptions.VectorCacheBytes"/>.</summary>
    public long BudgetBytes => options.VectorCacheBytes;

    /// <summary>How many principals have a cached set.</summary>
    public int CachedPrincipals
    {
        get
        {
            lock (_gate)
            {
                return _sets.Count;
            }
        }
    }

    /// <summary>Drops every cached set (they reload on the next recall).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _sets.Clear();
            _recent.Clear();
            _owners.Clear();
            _oversized.Clear();
            _bytes = 0;
        }
    }

    /// <summary>The cached set of <paramref name="principal"/>, if any, as it is (for tests).</summary>
    internal MemoryVectorSet? Cached(string principal)
    {
        lock (_gate)
        {
            return _sets.TryGetValue(principal, out var node) ? node.Value : null;
        }
    }

    /// <summary>
    /// The set of <paramref name="principal"/> as of <paramref name="transaction"/>'s snapshot: only vectors
    /// of the current model and of <paramref name="dimensions"/> (the query vector's length), so a vector of
    /// another model is never compared with the query. Null when the set is larger than the whole budget:
    /// the caller scans the read model instead.
    /// </summary>
    internal MemoryVectorSet? For(SqliteTransaction transaction, string principal, int dimensions)
    {
        var stamps = ReadModelQueries.Row(transaction, MemorySql.SelectStamp, r => new long[] { r.GetInt64(0), r.GetInt64(1), r.GetInt64(2) }, ("$principal", principal)) ?? [0, 0, 0];
        var key = new MemoryVectorKey(readModels.Generation, stamps[0], stamps[1], stamps[2], embeddings.ModelId, dimensions);
        if (Lookup(principal, key, out var cached, out var oversized) is { } hit)
        {
            return hit;
        }

        if (oversized)
        {
            return null;
        }

        // One load at a time: two recalls of a changed principal would otherwise both read every vector.
        lock (_loading)
        {
            if (Lookup(principal, key, out cached, out oversized) is { } again)
            {
                return again;
            }

            if (oversized)
            {
                return null;
            }

            var extending = cached is not null && cached.Key.CanExtendTo(key);
            var from = extending ? cached! : MemoryVectorSet.Empty(key with { Stamp = 0 }, options.QuantizeVectors);
            var loaded = Load(transaction, principal, from, key);
            Interlocked.Increment(ref extending ? ref _extensions : ref _fullLoads);
            Store(principal, key, loaded);
            return loaded;
        }
    }

    /// <summary>
    /// A cached set serves a reader when it was loaded at the reader's key, or when it is newer by added
    /// items only (a reader on an older snapshot: hits it cannot see are dropped when their rows are read).
    /// </summary>
    private static bool Serves(MemoryVectorKey cached, MemoryVectorKey reader) => cached == reader || reader.CanExtendTo(cached);

    private MemoryVectorSet? Lookup(string principal, MemoryVectorKey key, out MemoryVectorSet? cached, out bool oversized)
    {
        lock (_gate)
        {
            // Only additions since (or a reader a few additions behind): still too large.
            oversized = _oversized.TryGetValue(principal, out var big) && (big == key || big.CanExtendTo(key) || key.CanExtendTo(big));
            if (_sets.TryGetValue(principal, out var node))
            {
                cached = node.Value;
                if (Serves(cached.Key, key))
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return cached;
                }
            }
            else
            {
                cached = null;
            }

            return null;
        }
    }

    private void Store(string principal, MemoryVectorKey key, MemoryVectorSet? loaded)
    {
        lock (_gate)
        {
            if (_sets.Remove(principal, out var old))
            {
                _recent.Remove(old);
                _owners.Remove(old.Value);
                _bytes -= old.Value.Bytes;
            }

            if (loaded is null)
            {
                if (_oversized.Count >= MaxOversized)
                {
                    _oversized.Clear();
                }

                _oversized[principal] = key;
                return;
            }

            _oversized.Remove(principal);
            while (_bytes + loaded.Bytes > options.VectorCacheBytes && _recent.Last is { } last)
            {
                _recent.RemoveLast();
                _sets.Remove(_owners[last.Value]);
                _owners.Remove(last.Value);
                _bytes -= last.Value.Bytes;
                Interlocked.Increment(ref _evictions);
            }

            _sets[principal] = _recent.AddFirst(loaded);
            _owners[loaded] = principal;
            _bytes += loaded.Bytes;
        }
    }

    /// <summary>
    /// <paramref name="from"/> extended with the rows it lacks, read <see cref="MemoryVectorSet.ChunkSize"/> at a
    /// time (so loading holds one chunk of floats beside the set), or null as soon as the set would pass the budget.
    /// </summary>
    private MemoryVectorSet? Load(SqliteTransaction transaction, string principal, MemoryVectorSet from, MemoryVectorKey key)
    {
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

        var entryBytes = MemoryVectorSet.EntryBytes(key.Dimensions, from.Quantized);
        var set = from;
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<MemoryVectorSet.Entry>(MemoryVectorSet.ChunkSize);
        var flat = new float[key.Dimensions * MemoryVectorSet.ChunkSize];
        var bytes = new byte[key.Dimensions * sizeof(float)];
        long stringBytes = 0;
        using var reader = command.ExecuteReader();
        while (true)
        {
            var more = reader.Read();
            if (more && reader.GetBytes(8, 0, bytes, 0, bytes.Length) == bytes.Length)
            {
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(flat.AsSpan(entries.Count * key.Dimensions, key.Dimensions));
                entries.Add(new MemoryVectorSet.Entry(
                    reader.GetInt64(0),
                    Intern(reader.IsDBNull(1) ? null : reader.GetString(1)),
                    Intern(reader.IsDBNull(2) ? null : reader.GetString(2)),
                    Intern(reader.GetString(3))!,
                    Math.Max(0, MemorySources.IndexOf(reader.GetString(4))),
                    reader.GetDouble(5),
                    reader.GetInt64(6),
                    reader.IsDBNull(7) ? long.MaxValue : reader.GetInt64(7)));
                if (set.Bytes + stringBytes + ((entries.Count + 1) * entryBytes) > options.VectorCacheBytes)
                {
                    return null;
                }
            }

            if (entries.Count == MemoryVectorSet.ChunkSize || (!more && entries.Count > 0))
            {
                set = set.Extend(key, entries, flat.AsSpan(0, entries.Count * key.Dimensions), stringBytes);
                entries.Clear();
                stringBytes = 0;
            }

            if (!more)
            {
                break;
            }
        }

        return set == from ? from.Extend(key, [], [], 0) : set;

        // Items of one principal mostly share their channel, session and tags: one string each, counted once.
        string? Intern(string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (strings.TryGetValue(text, out var known))
            {
                return known;
            }

            strings[text] = text;
            stringBytes += MemoryVectorSet.StringBytes(text);
            return text;
        }
    }
}
