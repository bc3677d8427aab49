namespace Journal.Projections.Memory;

/// <content>Building a set in place, see <see cref="Builder"/>.</content>
internal sealed partial class MemoryVectorSet
{
    /// <summary>
    /// Fills a new set entry by entry, vectors written straight into its chunks (quantized as they come when
    /// the set is int8), so a load holds no copy of the rows beside the set it builds.
    /// </summary>
    internal sealed class Builder
    {
        private readonly MemoryVectorSet _from;
        private readonly MemoryVectorKey _key;
        private readonly Entry[] _entries;
        private readonly Dictionary<long, int> _byRowid;
        private readonly float[][] _floats;
        private readonly sbyte[][] _codes;
        private readonly float[][] _scales;
        private int _count;

        public Builder(MemoryVectorSet from, MemoryVectorKey key, int added)
        {
            _from = from;
            _key = key;
            _count = from.Count;
            var capacity = from.Count + added;
            _entries = new Entry[capacity];
            from.Entries.CopyTo(_entries, 0);
            _byRowid = new Dictionary<long, int>(capacity);
            foreach (var (rowid, index) in from._byRowid)
            {
                _byRowid.Add(rowid, index);
            }

            var chunkCount = (capacity + ChunkSize - 1) / ChunkSize;
            var shared = from.Count / ChunkSize;
            _floats = from.Quantized ? [] : CopyChunks(from._floats, chunkCount, shared, capacity, from.Dimensions);
            _codes = from.Quantized ? CopyChunks(from._codes, chunkCount, shared, capacity, from.Dimensions) : [];
            _scales = from.Quantized ? CopyChunks(from._scales, chunkCount, shared, capacity, 1) : [];
        }

        /// <summary>Appends <paramref name="entry"/> with its <paramref name="vector"/> (of the set's length).</summary>
        /// <exception cref="InvalidOperationException">More entries than the builder was made for.</exception>
        public void Add(in Entry entry, ReadOnlySpan<float> vector)
        {
            if (_count == _entries.Length)
            {
                throw new InvalidOperationException($"the set was sized for {_entries.Length} entries and read more: the rows changed within one snapshot");
            }

            var i = _count++;
            _entries[i] = entry;
            _byRowid[entry.Rowid] = i;
            var offset = (i % ChunkSize) * _from.Dimensions;
            if (_from.Quantized)
            {
                _scales[i / ChunkSize][i % ChunkSize] = MemoryInt8.Quantize(vector, _codes[i / ChunkSize].AsSpan(offset, _from.Dimensions));
            }
            else
            {
                vector.CopyTo(_floats[i / ChunkSize].AsSpan(offset, _from.Dimensions));
            }
        }

        /// <summary>
        /// The set, its strings costing <paramref name="addedStringBytes"/> more than the old set's; it holds every item
        /// of its principal when the old one did and every one of the <paramref name="addedItems"/> items added came. When fewer
        /// entries came than there was room for (rows without a whole vector are skipped), it is trimmed to them.
        /// </summary>
        public MemoryVectorSet Build(long addedStringBytes, long addedItems)
        {
            var stringBytes = _from._stringBytes + addedStringBytes;
            var holdsEveryItem = _from.HoldsEveryItem && _count - _from.Count == addedItems;
            if (_count == _entries.Length)
            {
                return new MemoryVectorSet(_key, _from.Quantized, _entries, _floats, _codes, _scales, _byRowid, stringBytes, holdsEveryItem);
            }

            var chunkCount = (_count + ChunkSize - 1) / ChunkSize;
            var shared = _count / ChunkSize;
            var width = _from.Dimensions;
            return new MemoryVectorSet(
                _key,
                _from.Quantized,
                _entries[.._count],
                _from.Quantized ? [] : CopyChunks(_floats, chunkCount, shared, _count, width),
                _from.Quantized ? CopyChunks(_codes, chunkCount, shared, _count, width) : [],
                _from.Quantized ? CopyChunks(_scales, chunkCount, shared, _count, 1) : [],
                _byRowid,
                stringBytes,
                holdsEveryItem);
        }
    }
}
