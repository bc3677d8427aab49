using System.Runtime.InteropServices;
using System.Text;
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

    private long CollectEvery => Math.Max(1, options.VectorCacheBytes / 2);

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
    private long _evictedBytes;
    private long _uncollectedBytes;
    private long _collections;

    /// <summary>How many times a principal's vectors were read in full (for tests and metrics).</summary>
    public long FullLoads => Interlocked.Read(ref _fullLoads);

    /// <summary>How many times a principal's set was extended with newly added items only.</summary>
    public long Extensions => Interlocked.Read(ref _extensions);

    /// <summary>How many principals' sets were dropped to stay within the budget.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The bytes of every set dropped to stay within the budget, since the start.</summary>
    public long EvictedBytes
    {
        get
        {
            lock (_gate)
            {
                return _evictedBytes;
            }
        }
    }

    /// <summary>How many collections the index asked for: one each time the sets it dropped add up to another half budget.</summary>
    public long Collections => Interlocked.Read(ref _collections);

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
        if (Place(principal, key, loaded))
        {
            // The dropped sets are large, long-lived arrays (mostly on the large object heap) that only a full
            // collection frees, and under the server collector with no memory pressure full collections are
            // rare: a cache cycling through principals left the committed heap at several budgets (10M-event
            // capacity tape: 329 MB committed for 71 MB live). One background (non-blocking) collection per half
            // budget of dropped sets keeps the dead sets under half a budget, and costs at most one collection
            // per half budget's worth of loads (which take far longer to read than the collection takes).
            Interlocked.Increment(ref _collections);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
        }
    }

    private static long Count(SqliteTransaction transaction, string sql, (string, object?)[] parameters)
    {
        using var counted = new PreparedRead(transaction, sql, parameters);
        return counted.Read() ? counted.Int64(0) : 0;
    }

    /// <summary>Caches <paramref name="loaded"/> (or marks the principal too large); true when the sets dropped since the last collection reached the budget.</summary>
    private bool Place(string principal, MemoryVectorKey key, MemoryVectorSet? loaded)
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
                return false;
            }

            _oversized.Remove(principal);
            while (_bytes + loaded.Bytes > options.VectorCacheBytes && _recent.Last is { } last)
            {
                _recent.RemoveLast();
                _sets.Remove(_owners[last.Value]);
                _owners.Remove(last.Value);
                _bytes -= last.Value.Bytes;
                _evictedBytes += last.Value.Bytes;
                _uncollectedBytes += last.Value.Bytes;
                Interlocked.Increment(ref _evictions);
            }

            _sets[principal] = _recent.AddFirst(loaded);
            _owners[loaded] = principal;
            _bytes += loaded.Bytes;
            if (_uncollectedBytes < CollectEvery)
            {
                return false;
            }

            _uncollectedBytes -= CollectEvery;
            return true;
        }
    }

    /// <summary>
    /// <paramref name="from"/> extended with the rows it lacks, or null when the set would pass the budget.
    /// The rows are counted first (in the same snapshot), so a principal too large for the budget is known
    /// without reading one vector, and the set's arrays are allocated once at their final size; rows are then
    /// read in place and their vectors written straight into the set. What a load allocates beyond the set
    /// is its prepared statements and one string per distinct channel, session or tags value.
    /// </summary>
    private MemoryVectorSet? Load(SqliteTransaction transaction, string principal, MemoryVectorSet from, MemoryVectorKey key)
    {
        var since = from.Key.Stamp != 0;
        (string, object?)[] parameters = since
            ? [("$principal", principal), ("$model", key.Model), ("$dimensions", key.Dimensions), ("$after", from.Key.Stamp)]
            : [("$principal", principal), ("$model", key.Model), ("$dimensions", key.Dimensions)];
        var count = Count(transaction, since ? MemorySql.CountVectorsSince : MemorySql.CountVectors, parameters);

        var entryBytes = MemoryVectorSet.EntryBytes(key.Dimensions, from.Quantized);
        if (from.Bytes + (count * entryBytes) > options.VectorCacheBytes)
        {
            return null;
        }

        var builder = from.Extending(key, (int)count);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        var chars = new char[256];
        long stringBytes = 0;
        var length = key.Dimensions * sizeof(float);
        using (var rows = new PreparedRead(transaction, since ? MemorySql.SelectVectorsSince : MemorySql.SelectCachedVectors, parameters))
        {
            while (rows.Read())
            {
                var vector = MemoryVectorRow.VectorBytes(rows, length);
                if (vector.IsEmpty)
                {
                    continue;
                }

                builder.Add(
                    new MemoryVectorSet.Entry(
                        rows.Int64(MemoryVectorRow.Rowid),
                        Intern(rows, MemoryVectorRow.Channel),
                        Intern(rows, MemoryVectorRow.Session),
                        Intern(rows, MemoryVectorRow.Tags) ?? string.Empty,
                        MemoryVectorRow.SourceIndex(rows),
                        rows.Double(MemoryVectorRow.Confidence),
                        rows.Int64(MemoryVectorRow.CreatedAt),
                        MemoryVectorRow.Expiry(rows),
                        MemoryVectorRow.WordCount(rows)),
                    MemoryMarshal.Cast<byte, float>(vector));
            }
        }

        // Items without a vector of this model and length are not in the set; when there are none, the set holds
        // every item of the principal and recall scores its words from it.
        var items = Count(transaction, since ? MemorySql.CountItemsSince : MemorySql.CountItems, since ? [("$principal", principal), ("$after", from.Key.Stamp)] : [("$principal", principal)]);
        var set = builder.Build(stringBytes, items);
        return set.Bytes > options.VectorCacheBytes ? null : set;

        // Items of one principal mostly share their channel, session and tags: one string each, counted once,
        // looked up by its characters so a value already held allocates nothing.
        string? Intern(PreparedRead row, int ordinal)
        {
            if (row.IsNull(ordinal))
            {
                return null;
            }

            var utf8 = row.Bytes(ordinal);
            if (chars.Length < Encoding.UTF8.GetMaxCharCount(utf8.Length))
            {
                chars = new char[Encoding.UTF8.GetMaxCharCount(utf8.Length)];
            }

            var text = chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
            if (lookup.TryGetValue(text, out var known))
            {
                return known;
            }

            var kept = new string(text);
            strings[kept] = kept;
            stringBytes += MemoryVectorSet.StringBytes(kept);
            return kept;
        }
    }
}
