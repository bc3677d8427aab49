using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Serialization;

namespace Journal.EventStore.Checkpoints;

/// <summary>
/// A signed statement that a journal's tape had <see cref="HeadHash"/> at position <see cref="Seq"/>
/// at <see cref="CreatedAt"/> and, from <see cref="FormatV2"/> on, that exactly <see cref="ErasedCount"/>
/// payloads up to <see cref="Seq"/> were erased then (their positions digested in <see cref="ErasedDigest"/>).
/// Kept off the machine, it shows a later truncation (the tape ends before <see cref="Seq"/>), a rewritten
/// past (another hash there) and every payload erased since, which a chain alone cannot. The signed bytes
/// are <see cref="SignedBytes()"/>, described in docs/hash-chain.md.
/// </summary>
/// <param name="Format"><c>journal.checkpoint.v2</c>, or <c>journal.checkpoint.v1</c> for files made before erasures were committed to.</param>
/// <param name="JournalId">The journal's id (from the tape's <c>journal_info</c>).</param>
/// <param name="Seq">The head position checkpointed.</param>
/// <param name="HeadHash">The hash of the row at <see cref="Seq"/>, lower-case hex (64 characters).</param>
/// <param name="CreatedAt">When, in milliseconds since 1970-01-01T00:00:00Z.</param>
/// <param name="PublicKey">The signer's public key, SubjectPublicKeyInfo DER in base64 (informational: verify against a key you trust).</param>
/// <param name="Signature">ECDSA P-256 / SHA-256 over <see cref="SignedBytes()"/>, IEEE P1363 form (r then s, 32 bytes each), base64.</param>
public sealed record SignedCheckpoint(string Format, Guid JournalId, long Seq, string HeadHash, long CreatedAt, string PublicKey, string Signature)
{
    /// <summary>The first format: signs the journal id, the position, its hash and the time.</summary>
    public const string FormatV1 = "journal.checkpoint.v1";

    /// <summary>The current format: also signs the count and digest of the payloads erased up to the position.</summary>
    public const string FormatV2 = "journal.checkpoint.v2";

    /// <summary>v2: how many rows at or before <see cref="Seq"/> had their payload erased when it was signed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ErasedCount { get; init; }

    /// <summary>v2: the <see cref="ErasedSeqsDigest"/> of those positions, lower-case hex (64 characters).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErasedDigest { get; init; }

    /// <summary>Whether the checkpoint commits to the payloads erased at its position (v2).</summary>
    [JsonIgnore]
    public bool CommitsToErasures => Format == FormatV2;

    /// <summary>
    /// The bytes a <c>journal.checkpoint.v1</c> signs: five fields, each a 4-byte big-endian length and the
    /// bytes: the ASCII tag <c>journal.checkpoint.v1</c>, the journal id (16 bytes, RFC 4122 order), seq
    /// (8 bytes big-endian), the head hash (32 bytes), created_at (8 bytes big-endian). 105 bytes.
    /// </summary>
    /// <exception cref="FormatException">The head hash is not 32 bytes.</exception>
    public static byte[] SignedBytes(Guid journalId, long seq, ReadOnlySpan<byte> headHash, long createdAt)
    {
        var writer = new FieldWriter(FormatV1, 105);
        writer.Common(journalId, seq, headHash, createdAt);
        return writer.Bytes;
    }

    /// <summary>
    /// The bytes a <c>journal.checkpoint.v2</c> signs: the five fields of v1 (with the tag
    /// <c>journal.checkpoint.v2</c>) and two more: the erased count (8 bytes big-endian) and the erased
    /// digest (32 bytes). 153 bytes.
    /// </summary>
    /// <exception cref="FormatException">The head hash or the erased digest is not 32 bytes.</exception>
    public static byte[] SignedBytes(Guid journalId, long seq, ReadOnlySpan<byte> headHash, long createdAt, long erasedCount, ReadOnlySpan<byte> erasedDigest)
    {
        if (erasedDigest.Length != 32)
        {
            throw new FormatException("a checkpoint's erased digest is 32 bytes");
        }

        var writer = new FieldWriter(FormatV2, 153);
        writer.Common(journalId, seq, headHash, createdAt);
        writer.Int64(erasedCount);
        writer.Field(erasedDigest);
        return writer.Bytes;
    }

    /// <summary>The signed bytes of this checkpoint, by its format.</summary>
    /// <exception cref="FormatException">A hash is not 64 hex characters, or a v2 checkpoint lacks its erased fields.</exception>
    public byte[] SignedBytes() => CommitsToErasures
        ? SignedBytes(JournalId, Seq, Convert.FromHexString(HeadHash), CreatedAt, ErasedCount ?? throw new FormatException("a v2 checkpoint has an erasedCount"), Convert.FromHexString(ErasedDigest ?? throw new FormatException("a v2 checkpoint has an erasedDigest")))
        : SignedBytes(JournalId, Seq, Convert.FromHexString(HeadHash), CreatedAt);

    private sealed class FieldWriter(string tag, int length)
    {
        private int _at;

        public byte[] Bytes { get; } = new byte[length];

        public void Common(Guid journalId, long seq, ReadOnlySpan<byte> headHash, long createdAt)
        {
            if (headHash.Length != 32)
            {
                throw new FormatException("a checkpoint's head hash is 32 bytes");
            }

            Field(Encoding.ASCII.GetBytes(tag));
            Field(journalId.ToByteArray(bigEndian: true));
            Int64(seq);
            Field(headHash);
            Int64(createdAt);
        }

        public void Int64(long value)
        {
            Span<byte> number = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(number, value);
            Field(number);
        }

        public void Field(ReadOnlySpan<byte> value)
        {
            BinaryPrimitives.WriteInt32BigEndian(Bytes.AsSpan(_at), value.Length);
            _at += 4;
            value.CopyTo(Bytes.AsSpan(_at));
            _at += value.Length;
        }
    }
}
