using System.Numerics.Tensors;

namespace Journal.Projections.Memory;

/// <summary>
/// The vectors of one principal made by one model at one length, with what recall filters and ranks by.
/// Vectors sit in chunks of <see cref="ChunkSize"/> entries, so a set extended by newly added items
/// shares every full chunk with the set it came from. Immutable once built: recalls share it without
/// locks, and the index builds a new one when the principal changes.
/// </summary>
internal sealed class MemoryVectorSet
{
    /// <summary>Entries per chunk of vectors.</summary>
    public const int ChunkSize = 4096;

    private readonly float[][] _chunks;
    private readonly Dictionary<long, int> _byRowid;

    private MemoryVectorSet(MemoryVectorKey key, int dimensions, Entry[] entries, float[][] chunks, Dictionary<long, int> byRowid)
    {
        Key = key;
        Dimensions = dimensions;
        Entries = entries;
        _chunks = chunks;
        _byRowid = byRowid;
    }

    public MemoryVectorKey Key { get; }

    public int Dimensions { get; }

    public Entry[] Entries { get; }

    public int Count => Entries.Length;

    /// <summary>An empty set.</summary>
    public static MemoryVectorSet Empty(MemoryVectorKey key) => new(key, key.Dimensions, [], [], []);

    /// <summary>
    /// This set with <paramref name="added"/> appended (their vectors flat, in the same order), under
    /// <paramref name="key"/>. Full chunks are shared; the last, partial one is copied, so this set is
    /// never written to.
    /// </summary>
    public MemoryVectorSet Extend(MemoryVectorKey key, IReadOnlyList<Entry> added, ReadOnlySpan<float> vectors)
    {
        var count = Entries.Length + added.Count;
        var entries = new Entry[count];
        Entries.CopyTo(entries, 0);
        var byRowid = new Dictionary<long, int>(_byRowid);
        var chunks = new float[(count + ChunkSize - 1) / ChunkSize][];
        var shared = Entries.Length / ChunkSize;
        Array.Copy(_chunks, chunks, shared);
        for (var c = shared; c < chunks.Length; c++)
        {
            var size = Math.Min(ChunkSize, count - (c * ChunkSize));
            chunks[c] = new float[size * Dimensions];
            if (c < _chunks.Length)
            {
                _chunks[c].AsSpan().CopyTo(chunks[c]);
            }
        }

        for (var j = 0; j < added.Count; j++)
        {
            var i = Entries.Length + j;
            entries[i] = added[j];
            byRowid[added[j].Rowid] = i;
            vectors.Slice(j * Dimensions, Dimensions).CopyTo(chunks[i / ChunkSize].AsSpan((i % ChunkSize) * Dimensions, Dimensions));
        }

        return new MemoryVectorSet(key, Dimensions, entries, chunks, byRowid);
    }

    /// <summary>The vector of entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Vector(int index) => _chunks[index / ChunkSize].AsSpan((index % ChunkSize) * Dimensions, Dimensions);

    /// <summary>Every vector, chunk by chunk (entry i is in chunk i / <see cref="ChunkSize"/>).</summary>
    public IReadOnlyList<float[]> Chunks => _chunks;

    /// <summary>The similarity of the item at <paramref name="rowid"/> to <paramref name="query"/>, or null when it has no current vector.</summary>
    public float? Similarity(long rowid, ReadOnlySpan<float> query) =>
        _byRowid.TryGetValue(rowid, out var i) ? TensorPrimitives.Dot(Vector(i), query) : null;

    /// <summary>
    /// The best <paramref name="limit"/> entries passing <paramref name="filter"/> by dot product with
    /// <paramref name="query"/> (vectors are unit length, so that is the cosine), best first. Every
    /// vector is compared: no recency cap.
    /// </summary>
    public List<(int Index, float Similarity)> Top(ReadOnlySpan<float> query, in MemoryRecallFilter filter, int limit)
    {
        var best = new PriorityQueue<int, float>(limit + 1);
        var dimensions = Dimensions;
        var plain = filter.IsPlain;
        for (var c = 0; c < _chunks.Length; c++)
        {
            var chunk = _chunks[c].AsSpan();
            var first = c * ChunkSize;
            var end = Math.Min(Entries.Length, first + ChunkSize);
            for (var i = first; i < end; i++)
            {
                ref readonly var entry = ref Entries[i];
                if (entry.ExpiresAt <= filter.Now || (!plain && !filter.Accepts(entry)))
                {
                    continue;
                }

                var similarity = TensorPrimitives.Dot(chunk.Slice((i - first) * dimensions, dimensions), query);
                if (best.Count < limit)
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

        top.Reverse();
        return top;
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
    internal readonly record struct Entry(long Rowid, string? Channel, string? Session, string Tags, int Source, double Confidence, long CreatedAt, long ExpiresAt);
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
