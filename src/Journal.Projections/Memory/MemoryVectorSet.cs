using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Journal.Projections.Memory;

/// <summary>
/// The vectors of one principal made by one model at one length, with what recall filters and ranks by.
/// Vectors sit in chunks of <see cref="ChunkSize"/> entries, so a set extended by newly added items
/// shares every full chunk with the set it came from. A set holds its vectors either as floats or, when
/// <see cref="Quantized"/>, as int8 codes with one scale per vector (see <see cref="MemoryInt8"/>).
/// Immutable once built: recalls share it without locks, and the index builds a new one when the
/// principal changes.
/// </summary>
internal sealed partial class MemoryVectorSet
{
    /// <summary>Entries per chunk of vectors.</summary>
    public const int ChunkSize = 4096;

    // What the runtime adds to every array and object, counted so the cache budget is not exceeded by overhead.
    private const int ArrayOverhead = 24;
    private const int ObjectOverhead = 160;

    private readonly float[][] _floats;
    private readonly sbyte[][] _codes;
    private readonly float[][] _scales;
    private readonly Dictionary<long, int> _byRowid;
    private readonly long _stringBytes;

    private MemoryVectorSet(
        MemoryVectorKey key, bool quantized, Entry[] entries, float[][] floats, sbyte[][] codes, float[][] scales, Dictionary<long, int> byRowid, long stringBytes, bool holdsEveryItem)
    {
        Key = key;
        HoldsEveryItem = holdsEveryItem;
        Dimensions = key.Dimensions;
        Quantized = quantized;
        Entries = entries;
        _floats = floats;
        _codes = codes;
        _scales = scales;
        _byRowid = byRowid;
        _stringBytes = stringBytes;
        Bytes = Account();
    }

    public MemoryVectorKey Key { get; }

    public int Dimensions { get; }

    /// <summary>
    /// Whether the set holds every item of its principal (none lacks a vector of the set's model and length), as
    /// of its key: recall can then score the full-text branch from the set's entries (see <see cref="MemoryTextScorer"/>).
    /// </summary>
    public bool HoldsEveryItem { get; }

    /// <summary>Whether vectors are held as int8 codes (similarities from <see cref="Top"/> are then approximate).</summary>
    public bool Quantized { get; }

    public Entry[] Entries { get; }

    public int Count => Entries.Length;

    /// <summary>What the set holds in memory, in bytes: vectors, entries, their strings, the row index and the runtime's overhead.</summary>
    public long Bytes { get; }

    /// <summary>An empty set.</summary>
    public static MemoryVectorSet Empty(MemoryVectorKey key, bool quantized) => new(key, quantized, [], [], [], [], [], 0, holdsEveryItem: true);

    /// <summary>The entry of the item at <paramref name="rowid"/>, when the set holds it.</summary>
    public bool TryGetEntry(long rowid, out Entry entry)
    {
        if (_byRowid.TryGetValue(rowid, out var i))
        {
            entry = Entries[i];
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>
    /// What one entry costs at <paramref name="dimensions"/> before its strings (for the index's size
    /// estimate while it loads).
    /// </summary>
    public static long EntryBytes(int dimensions, bool quantized) =>
        (quantized ? dimensions + sizeof(float) : dimensions * sizeof(float)) + Unsafe.SizeOf<Entry>() + DictionaryEntryBytes;

    /// <summary>What a string costs on the heap.</summary>
    public static long StringBytes(string? text) => text is null ? 0 : ArrayOverhead + ((2L * text.Length + 7) & ~7L);

    // Dictionary<long, int>: an entry (hash, next, key, value: 24 bytes aligned) and a bucket (4 bytes).
    private const int DictionaryEntryBytes = 28;

    /// <summary>
    /// A builder of this set with room for exactly <paramref name="added"/> more entries, under
    /// <paramref name="key"/>: it allocates what the new set keeps and nothing else. Full chunks are shared;
    /// the last, partial one is copied, so this set is never written to.
    /// </summary>
    public Builder Extending(MemoryVectorKey key, int added) => new(this, key, added);

    /// <summary>The vector of entry <paramref name="index"/> (a full-precision set only).</summary>
    public ReadOnlySpan<float> Vector(int index) => _floats[index / ChunkSize].AsSpan((index % ChunkSize) * Dimensions, Dimensions);

    /// <summary>Every vector of a full-precision set, chunk by chunk (entry i is in chunk i / <see cref="ChunkSize"/>).</summary>
    public IReadOnlyList<float[]> Chunks => _floats;

    /// <summary>Whether the set holds the item at <paramref name="rowid"/>.</summary>
    public bool Contains(long rowid) => _byRowid.ContainsKey(rowid);

    /// <summary>
    /// The similarity of the item at <paramref name="rowid"/> to <paramref name="query"/>, or null when it has
    /// no current vector (approximate in a quantized set).
    /// </summary>
    public float? Similarity(long rowid, ReadOnlySpan<float> query)
    {
        if (!_byRowid.TryGetValue(rowid, out var i))
        {
            return null;
        }

        if (!Quantized)
        {
            return TensorPrimitives.Dot(Vector(i), query);
        }

        var codes = new sbyte[Dimensions];
        var scale = MemoryInt8.Quantize(query, codes);
        return MemoryInt8.Dot(_codes[i / ChunkSize].AsSpan((i % ChunkSize) * Dimensions, Dimensions), codes) * scale * _scales[i / ChunkSize][i % ChunkSize];
    }

    /// <summary>
    /// The best <paramref name="limit"/> entries passing <paramref name="filter"/> by dot product with
    /// <paramref name="query"/> (vectors are unit length, so that is the cosine), best first (ties by entry).
    /// Every vector is compared: no recency cap. In a quantized set the query is quantized too and the
    /// similarities are approximate: rerank the result at full precision. A set of at least
    /// <see cref="ParallelChunks"/> chunks is scanned in up to <paramref name="parts"/> parts at once, their best merged.
    /// </summary>
    public List<(int Index, float Similarity)> Top(ReadOnlySpan<float> query, in MemoryRecallFilter filter, int limit, int parts = 1)
    {
        var codes = Quantized ? new sbyte[Dimensions] : [];
        var scan = new Scan(query.ToArray(), filter, Quantized ? MemoryInt8.Quantize(query, codes) : 1f, Quantized ? MemoryInt8.Widen(codes) : [], limit);
        var chunkCount = Quantized ? _codes.Length : _floats.Length;
        parts = chunkCount >= ParallelChunks ? Math.Clamp(parts, 1, chunkCount) : 1;
        var found = new List<(int Index, float Similarity)>[parts];
        if (parts == 1)
        {
            found[0] = TopOf(0, chunkCount, scan);
        }
        else
        {
            Parallel.For(0, parts, p => found[p] = TopOf((int)((long)chunkCount * p / parts), (int)((long)chunkCount * (p + 1) / parts), scan));
        }

        return [.. found.SelectMany(f => f).OrderByDescending(h => h.Similarity).ThenBy(h => h.Index).Take(limit)];
    }

    /// <summary>Sets of at least this many chunks are scanned in parallel parts.</summary>
    public const int ParallelChunks = 16;

    /// <summary>What every part of one scan shares: the query (and its int8 codes, widened, with its scale), the filter, the limit.</summary>
    private sealed record Scan(float[] Query, MemoryRecallFilter Filter, float QueryScale, short[] WideQuery, int Limit);

    /// <summary>The best entries of chunks [<paramref name="from"/>, <paramref name="to"/>), unordered.</summary>
    private List<(int Index, float Similarity)> TopOf(int from, int to, Scan scan)
    {
        var best = new PriorityQueue<int, float>(scan.Limit + 1);
        var dimensions = Dimensions;
        var filter = scan.Filter;
        var plain = filter.IsPlain;
        for (var c = from; c < to; c++)
        {
            var first = c * ChunkSize;
            var end = Math.Min(Entries.Length, first + ChunkSize);
            for (var i = first; i < end; i++)
            {
                ref readonly var entry = ref Entries[i];
                if (entry.ExpiresAt <= filter.Now || (!plain && !filter.Accepts(entry)))
                {
                    continue;
                }

                var at = (i - first) * dimensions;
                var similarity = Quantized
                    ? MemoryInt8.Dot(_codes[c].AsSpan(at, dimensions), scan.WideQuery) * scan.QueryScale * _scales[c][i - first]
                    : TensorPrimitives.Dot(_floats[c].AsSpan(at, dimensions), scan.Query);
                if (best.Count < scan.Limit)
                {
                    best.Enqueue(i, similarity);
                }
                else if (best.TryPeek(out _, out var worst) && similarity > worst)
                {
                    best.DequeueEnqueue(i, similarity);
                }
            }
        }

        var top = new List<(int, float)>(best.Count);
        while (best.TryDequeue(out var index, out var similarity))
        {
            top.Add((index, similarity));
        }

        return top;
    }

    private static T[][] CopyChunks<T>(T[][] from, int chunkCount, int shared, int count, int width)
    {
        var chunks = new T[chunkCount][];
        Array.Copy(from, chunks, shared);
        for (var c = shared; c < chunkCount; c++)
        {
            var size = Math.Min(ChunkSize, count - (c * ChunkSize));
            chunks[c] = new T[size * width];
            if (c < from.Length)
            {
                from[c].AsSpan(0, Math.Min(from[c].Length, chunks[c].Length)).CopyTo(chunks[c]);
            }
        }

        return chunks;
    }

    private long Account()
    {
        long bytes = ObjectOverhead + _stringBytes;
        foreach (var chunk in _floats)
        {
            bytes += ArrayOverhead + ((long)chunk.Length * sizeof(float));
        }

        foreach (var chunk in _codes)
        {
            bytes += ArrayOverhead + chunk.Length;
        }

        foreach (var chunk in _scales)
        {
            bytes += ArrayOverhead + ((long)chunk.Length * sizeof(float));
        }

        bytes += (3 * ArrayOverhead) + ((long)Entries.Length * Unsafe.SizeOf<Entry>());
        bytes += (long)_byRowid.EnsureCapacity(0) * DictionaryEntryBytes;
        return bytes;
    }

    /// <summary>What the scan needs of an item.</summary>
    /// <param name="Rowid">The item's row.</param>
    /// <param name="Channel">Its channel.</param>
    /// <param name="Session">Its session id, as stored.</param>
    /// <param name="Tags">Its tags as stored (<c>,a,b,</c>).</param>
    /// <param name="Source">Its source's index in <see cref="Domain.Memory.MemorySources.All"/>.</param>
    /// <param name="Confidence">Its confidence.</param>
    /// <param name="CreatedAt">When it was added, unix ms.</param>
    /// <param name="ExpiresAt">When it expires, unix ms (<see cref="long.MaxValue"/> for never).</param>
    /// <param name="Words">Its number of words in the full-text index (bm25's document length).</param>
    internal readonly record struct Entry(long Rowid, string? Channel, string? Session, string Tags, int Source, double Confidence, long CreatedAt, long ExpiresAt, int Words);
}

/// <summary>
/// What a cached <see cref="MemoryVectorSet"/> was loaded at. A set whose key differs only by a newer
/// <see cref="Stamp"/> is extended with the items added since; any other difference reloads it.
/// </summary>
internal readonly record struct MemoryVectorKey(int Generation, long Stamp, long Removals, long EmbedStamp, string Model, int Dimensions)
{
    /// <summary>Whether a set loaded at this key can be brought to <paramref name="newer"/> by appending items added after <see cref="Stamp"/>.</summary>
    public bool CanExtendTo(MemoryVectorKey newer) => newer.Stamp > Stamp && this with { Stamp = newer.Stamp } == newer;
}

/// <summary>Recall's filters, as the vector scan applies them.</summary>
/// <param name="Now">Unix ms: items expiring at or before it are skipped.</param>
/// <param name="Channel">Only this channel, when set.</param>
/// <param name="Session">Only this session (as stored), when set.</param>
/// <param name="SourceMask">Bit i set: source i is accepted; -1 for every source.</param>
/// <param name="Tags">Every one of these (as <c>,tag,</c>) must be on the item.</param>
internal readonly record struct MemoryRecallFilter(long Now, string? Channel, string? Session, int SourceMask, string[] Tags)
{
    public bool IsPlain => Channel is null && Session is null && SourceMask == -1 && Tags.Length == 0;

    public bool Accepts(in MemoryVectorSet.Entry entry)
    {
        if ((Channel is not null && !string.Equals(Channel, entry.Channel, StringComparison.Ordinal))
            || (Session is not null && !string.Equals(Session, entry.Session, StringComparison.Ordinal))
            || (SourceMask & (1 << entry.Source)) == 0)
        {
            return false;
        }

        foreach (var tag in Tags)
        {
            if (!entry.Tags.Contains(tag, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
