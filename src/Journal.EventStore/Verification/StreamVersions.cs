using System.Runtime.InteropServices;

namespace Journal.EventStore.Verification;

/// <summary>
/// The last version seen of each stream during one verification, keyed by the stream id's stored bytes
/// (looked up by span, so a row costs no allocation; a new stream costs one key array). About 100 bytes
/// per stream for typical names.
/// </summary>
internal sealed class StreamVersions
{
    private readonly Dictionary<byte[], long> _last = new(BytesComparer.Instance);
    private readonly Dictionary<byte[], long>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public StreamVersions() => _lookup = _last.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Streams seen.</summary>
    public int Count => _last.Count;

    /// <summary>The slot holding the stream's last version; <paramref name="seen"/> is false for a stream met for the first time (slot 0).</summary>
    public ref long Last(ReadOnlySpan<byte> stream, out bool seen) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, stream, out seen);

    /// <summary>Whether the stream was seen.</summary>
    public bool Contains(ReadOnlySpan<byte> stream) => _lookup.ContainsKey(stream);

    /// <summary>Records the stream's last version.</summary>
    public void Set(ReadOnlySpan<byte> stream, long version) => _lookup[stream] = version;

    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static BytesComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = default(HashCode);
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }
}
