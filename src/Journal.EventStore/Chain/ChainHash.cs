using System.Buffers.Binary;
using System.Security.Cryptography;


namespace Journal.EventStore.Chain;

/// <summary>The identity fields of one event that its chain hash covers.</summary>
/// <param name="Seq">Global position.</param>
/// <param name="StreamId">Stream name.</param>
/// <param name="StreamVersion">Position in the stream.</param>
/// <param name="EventType">Stable type name.</param>
/// <param name="RecordedAt">Unix milliseconds.</param>
public readonly record struct ChainFields(long Seq, Guid EventId, string StreamId, long StreamVersion, string EventType, long RecordedAt);

/// <summary>
/// The hash chain, exactly as <c>docs/hash-chain.md</c> specifies it:
/// <c>hash = SHA-256(preimage)</c>, where the preimage is a sequence of fields, each written as a
/// 4-byte big-endian length followed by its bytes, in this order: the tag <c>journal.event.v1</c>,
/// prev_hash, seq, event_id, stream_id, stream_version, event_type, recorded_at,
/// SHA-256(metadata), payload_digest.
/// </summary>
public static class ChainHash
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    /// <summary>The domain-separation tag, first field of every preimage.</summary>
    public static ReadOnlySpan<byte> Tag => "journal.event.v1"u8;

    /// <summary>prev_hash of the first event: 32 zero bytes.</summary>
    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[Size];

    /// <summary>Builds the preimage of an event into a new array (for documentation and tests).</summary>
    public static byte[] Preimage(ReadOnlySpan<byte> prevHash, in ChainFields fields, ReadOnlySpan<byte> metadataDigest, ReadOnlySpan<byte> payloadDigest)
    {
        Span<byte> id = stackalloc byte[16];
        fields.EventId.TryWriteBytes(id, bigEndian: true, out _);
        var stream = System.Text.Encoding.UTF8.GetBytes(fields.StreamId);
        var type = System.Text.Encoding.UTF8.GetBytes(fields.EventType);
        var buffer = new byte[PreimageLength(stream.Length, type.Length)];
        WritePreimage(buffer, prevHash, fields.Seq, id, stream, fields.StreamVersion, type, fields.RecordedAt, metadataDigest, payloadDigest);
        return buffer;
    }

    /// <summary>Computes the chain hash of an event.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> prevHash, in ChainFields fields, ReadOnlySpan<byte> metadataDigest, ReadOnlySpan<byte> payloadDigest)
    {
        Span<byte> id = stackalloc byte[16];
        fields.EventId.TryWriteBytes(id, bigEndian: true, out _);
        Span<byte> stream = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(fields.StreamId.Length)];
        stream = stream[..System.Text.Encoding.UTF8.GetBytes(fields.StreamId, stream)];
        Span<byte> type = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(fields.EventType.Length)];
        type = type[..System.Text.Encoding.UTF8.GetBytes(fields.EventType, type)];
        var hash = new byte[Size];
        Compute(prevHash, fields.Seq, id, stream, fields.StreamVersion, type, fields.RecordedAt, metadataDigest, payloadDigest, hash);
        return hash;
    }

    /// <summary>Computes the chain hash from the stored column bytes (event id as 16 big-endian bytes, text as UTF-8).</summary>
    public static void Compute(
        ReadOnlySpan<byte> prevHash,
        long seq,
        ReadOnlySpan<byte> eventId,
        ReadOnlySpan<byte> streamIdUtf8,
        long streamVersion,
        ReadOnlySpan<byte> eventTypeUtf8,
        long recordedAt,
        ReadOnlySpan<byte> metadataDigest,
        ReadOnlySpan<byte> payloadDigest,
        Span<byte> destination)
    {
        var length = PreimageLength(streamIdUtf8.Length, eventTypeUtf8.Length);
        Span<byte> buffer = length <= 2048 ? stackalloc byte[length] : new byte[length];
        WritePreimage(buffer, prevHash, seq, eventId, streamIdUtf8, streamVersion, eventTypeUtf8, recordedAt, metadataDigest, payloadDigest);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    private static int PreimageLength(int streamBytes, int typeBytes) =>
        (10 * 4) + Tag.Length + Size + 8 + 16 + streamBytes + 8 + typeBytes + 8 + Size + Size;

    private static void WritePreimage(
        Span<byte> buffer,
        ReadOnlySpan<byte> prevHash,
        long seq,
        ReadOnlySpan<byte> eventId,
        ReadOnlySpan<byte> streamId,
        long streamVersion,
        ReadOnlySpan<byte> eventType,
        long recordedAt,
        ReadOnlySpan<byte> metadataDigest,
        ReadOnlySpan<byte> payloadDigest)
    {
        if (prevHash.Length != Size || metadataDigest.Length != Size || payloadDigest.Length != Size || eventId.Length != 16)
        {
            throw new ArgumentException("prev_hash and digests must be 32 bytes, the event id 16");
        }

        var at = 0;
        Field(buffer, ref at, Tag);
        Field(buffer, ref at, prevHash);
        Int64(buffer, ref at, seq);
        Field(buffer, ref at, eventId);
        Field(buffer, ref at, streamId);
        Int64(buffer, ref at, streamVersion);
        Field(buffer, ref at, eventType);
        Int64(buffer, ref at, recordedAt);
        Field(buffer, ref at, metadataDigest);
        Field(buffer, ref at, payloadDigest);
    }

    private static void Field(Span<byte> buffer, ref int at, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer[at..], (uint)value.Length);
        at += 4;
        value.CopyTo(buffer[at..]);
        at += value.Length;
    }

    private static void Int64(Span<byte> buffer, ref int at, long value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer[at..], 8);
        BinaryPrimitives.WriteInt64BigEndian(buffer[(at + 4)..], value);
        at += 12;
    }
}
