using System.Text;
using Journal.Domain.Memory;
using Journal.Projections.Runtime;

namespace Journal.Projections.Memory;

/// <summary>
/// A row of <c>SelectVectors.sql</c>, <c>SelectCachedVectors.sql</c> or <c>SelectVectorsSince.sql</c> (the last two add
/// <see cref="Words"/>) read in place (see <see cref="PreparedRead"/>):
/// its columns by name, its source's index and recall's filters matched on the stored UTF-8 bytes, so that
/// reading a row that is not kept allocates nothing.
/// </summary>
internal static class MemoryVectorRow
{
    public const int Rowid = 0;
    public const int Channel = 1;
    public const int Session = 2;
    public const int Tags = 3;
    public const int Source = 4;
    public const int Confidence = 5;
    public const int CreatedAt = 6;
    public const int ExpiresAt = 7;
    public const int Vector = 8;
    public const int Words = 9;

    // Immutable once built: the sources' names as stored, to find a row's source index without a string.
    private static readonly byte[][] SourceNames = [.. MemorySources.All.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The index in <see cref="MemorySources.All"/> of the row's source (0 for an unknown one, as the cache reads it).</summary>
    public static int SourceIndex(PreparedRead row)
    {
        var stored = row.Bytes(Source);
        for (var i = 0; i < SourceNames.Length; i++)
        {
            if (stored.SequenceEqual(SourceNames[i]))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>When the row's item expires, unix ms (<see cref="long.MaxValue"/> for never).</summary>
    public static long Expiry(PreparedRead row) => row.IsNull(ExpiresAt) ? long.MaxValue : row.Int64(ExpiresAt);

    /// <summary>
    /// The item's number of words in the full-text index: the first varint of its FTS5 docsize record (SQLite's
    /// varint: big-endian groups of 7 bits, the high bit set on every byte but the last, a ninth byte of 8 bits).
    /// </summary>
    public static int WordCount(PreparedRead row) => row.IsNull(Words) ? 0 : (int)Math.Min(int.MaxValue, Varint(row.Bytes(Words)));

    /// <summary>The first SQLite varint of <paramref name="bytes"/> (0 when empty).</summary>
    internal static long Varint(ReadOnlySpan<byte> bytes) => Varint(bytes, out _);

    /// <summary>The first SQLite varint of <paramref name="bytes"/>, and how many bytes it took.</summary>
    internal static long Varint(ReadOnlySpan<byte> bytes, out int length)
    {
        ulong value = 0;
        for (var i = 0; i < Math.Min(bytes.Length, 9); i++)
        {
            if (i == 8)
            {
                length = 9;
                return (long)((value << 8) | bytes[i]);
            }

            value = (value << 7) | (uint)(bytes[i] & 0x7F);
            if ((bytes[i] & 0x80) == 0)
            {
                length = i + 1;
                return (long)value;
            }
        }

        length = Math.Min(bytes.Length, 9);
        return (long)value;
    }

    /// <summary>The row's vector, when its blob holds at least <paramref name="length"/> bytes (its first <paramref name="length"/>), else empty.</summary>
    public static ReadOnlySpan<byte> VectorBytes(PreparedRead row, int length)
    {
        var blob = row.Bytes(Vector);
        return blob.Length >= length ? blob[..length] : [];
    }

    /// <summary><see cref="MemoryRecallFilter"/> with its values as UTF-8, matched against a row's stored bytes.</summary>
    internal sealed class Filter(MemoryRecallFilter filter)
    {
        private readonly byte[]? _channel = filter.Channel is null ? null : Encoding.UTF8.GetBytes(filter.Channel);
        private readonly byte[]? _session = filter.Session is null ? null : Encoding.UTF8.GetBytes(filter.Session);
        private readonly byte[][] _tags = [.. filter.Tags.Select(Encoding.UTF8.GetBytes)];

        /// <summary>What <see cref="MemoryRecallFilter.Accepts"/> answers for the row's entry (its expiry aside).</summary>
        public bool Accepts(PreparedRead row, int source)
        {
            if (filter.IsPlain)
            {
                return true;
            }

            if ((_channel is not null && (row.IsNull(Channel) || !row.Bytes(Channel).SequenceEqual(_channel)))
                || (_session is not null && (row.IsNull(Session) || !row.Bytes(Session).SequenceEqual(_session)))
                || (filter.SourceMask & (1 << source)) == 0)
            {
                return false;
            }

            // UTF-8 is self-synchronizing: a byte match of ",tag," is a match of its characters.
            var tags = row.Bytes(Tags);
            foreach (var tag in _tags)
            {
                if (tags.IndexOf(tag) < 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
