using System.Numerics.Tensors;

namespace Journal.Projections.Memory;

/// <summary>
/// The vectors of one principal made by the current model, in one contiguous array, with what recall
/// filters and ranks by. Immutable once loaded: recalls share it without locks, and a change of the
/// principal's stamp makes the index load a new one.
/// </summary>
internal sealed class MemoryVectorSet
{
    private readonly Dictionary<long, int> _byRowid;

    public MemoryVectorSet(MemoryVectorKey key, int dimensions, List<Entry> entries, float[] vectors)
    {
        Key = key;
        Dimensions = dimensions;
        Entries = [.. entries];
        Vectors = vectors;
        _byRowid = new Dictionary<long, int>(Entries.Length);
        for (var i = 0; i < Entries.Length; i++)
        {
            _byRowid[Entries[i].Rowid] = i;
        }
    }

    public MemoryVectorKey Key { get; }

    public int Dimensions { get; }

    public Entry[] Entries { get; }

    /// <summary>Entry i's vector is <c>Vectors[i * Dimensions .. (i + 1) * Dimensions]</c>.</summary>
    public float[] Vectors { get; }

    public int Count => Entries.Length;

    /// <summary>The similarity of the item at <paramref name="rowid"/> to <paramref name="query"/>, or null when it has no current vector.</summary>
    public float? Similarity(long rowid, ReadOnlySpan<float> query) =>
        _byRowid.TryGetValue(rowid, out var i) ? TensorPrimitives.Dot(Vectors.AsSpan(i * Dimensions, Dimensions), query) : null;

    /// <summary>
    /// The best <paramref name="limit"/> entries passing <paramref name="filter"/> by dot product with
    /// <paramref name="query"/> (vectors are unit length, so that is the cosine), best first. Every
    /// vector is compared: no recency cap.
    /// </summary>
    public List<(int Index, float Similarity)> Top(ReadOnlySpan<float> query, in MemoryRecallFilter filter, int limit)
    {
        var best = new PriorityQueue<int, float>(limit + 1);
        var vectors = Vectors.AsSpan();
        var dimensions = Dimensions;
        var plain = filter.IsPlain;
        for (var i = 0; i < Entries.Length; i++)
        {
            ref readonly var entry = ref Entries[i];
            if (entry.ExpiresAt <= filter.Now || (!plain && !filter.Accepts(entry)))
            {
                continue;
            }

            var similarity = TensorPrimitives.Dot(vectors.Slice(i * dimensions, dimensions), query);
            if (best.Count < limit)
            {
                best.Enqueue(i, similarity);
            }
            else if (best.TryPeek(out _, out var worst) && similarity > worst)
            {
                best.DequeueEnqueue(i, similarity);
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

/// <summary>What a cached <see cref="MemoryVectorSet"/> was loaded at: stale when any part differs.</summary>
internal readonly record struct MemoryVectorKey(int Generation, long Stamp, long EmbedStamp, string Model, int Dimensions, int Version);

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
