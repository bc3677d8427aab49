using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Serialization;

namespace Journal.EventStore.Checkpoints;

/// <summary>
/// A signed statement that a journal's tape had <see cref="HeadHash"/> at position <see cref="Seq"/>
/// at <see cref="CreatedAt"/>, from <see cref="FormatV2"/> on that exactly <see cref="ErasedCount"/>
/// payloads up to <see cref="Seq"/> were erased then (their positions digested in <see cref="ErasedDigest"/>),
/// and from <see cref="FormatV3"/> on that the tape's Merkle tree of <see cref="Seq"/> events had <see cref="TreeRoot"/>.
/// Kept off the machine, it shows a later truncation (the tape ends before <see cref="Seq"/>), a rewritten
/// past (another hash there) and every payload erased since, which a chain alone cannot. The signed bytes
/// are <see cref="SignedBytes()"/>, described in docs/hash-chain.md.
/// </summary>
/// <param name="Format"><c>journal.checkpoint.v3</c>; <c>journal.checkpoint.v2</c> for files made before the Merkle tree, <c>journal.checkpoint.v1</c> before erasures were committed to.</param>
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

    /// <summary>The second format: also signs the count and digest of the payloads erased up to the position.</summary>
    public const string FormatV2 = "journal.checkpoint.v2";

    /// <summary>The current format: also signs the tree size (equal to <see cref="Seq"/>) and the Merkle root there.</summary>
    public const string FormatV3 = "journal.checkpoint.v3";

    /// <summary>v2: how many rows at or before <see cref="Seq"/> had their payload erased when it was signed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ErasedCount { get; init; }

    /// <summary>v2: the <see cref="ErasedSeqsDigest"/> of those positions, lower-case hex (64 characters).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErasedDigest { get; init; }

    /// <summary>v3: the tree size, always equal to <see cref="Seq"/> (leaf i is the event at seq i + 1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TreeSize { get; init; }

    /// <summary>v3: the Merkle root of the first <see cref="TreeSize"/> events, base64 (32 bytes).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TreeRoot { get; init; }

    /// <summary>
    /// v3, optional: the same tree head as a C2SP <c>tlog-checkpoint</c> signed note (<see cref="CheckpointNote"/>),
    /// for tools that read transparency-log checkpoints. Not covered by <see cref="Signature"/>: it carries its own.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }

    /// <summary>Whether the checkpoint commits to the payloads erased at its position (v2 and v3).</summary>
    [JsonIgnore]
    public bool CommitsToErasures => Format is FormatV2 or FormatV3;

    /// <summary>Whether the checkpoint commits to the Merkle root at its position (v3).</summary>
    [JsonIgnore]
    public bool CommitsToTree => Format == FormatV3;

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

    /// <summary>
    /// The bytes a <c>journal.checkpoint.v3</c> signs: the seven fields of v2 (with the tag
    /// <c>journal.checkpoint.v3</c>) and two more: the tree size (8 bytes big-endian) and the tree root (32 bytes).
    /// 201 bytes.
    /// </summary>
    /// <exception cref="FormatException">A hash, the erased digest or the tree root is not 32 bytes.</exception>
    public static byte[] SignedBytes(Guid journalId, long seq, ReadOnlySpan<byte> headHash, long createdAt, long erasedCount, ReadOnlySpan<byte> erasedDigest, long treeSize, ReadOnlySpan<byte> treeRoot)
    {
        if (erasedDigest.Length != 32 || treeRoot.Length != 32)
        {
            throw new FormatException("a checkpoint's erased digest and tree root are 32 bytes each");
        }

        var writer = new FieldWriter(FormatV3, 201);
        writer.Common(journalId, seq, headHash, createdAt);
        writer.Int64(erasedCount);
        writer.Field(erasedDigest);
        writer.Int64(treeSize);
        writer.Field(treeRoot);
        return writer.Bytes;
    }

    /// <summary>The signed bytes of this checkpoint, by its format.</summary>
    /// <exception cref="FormatException">A hash is not 64 hex characters, or a v2 or v3 checkpoint lacks its own fields.</exception>
    public byte[] SignedBytes() => Format switch
    {
        FormatV3 => SignedBytes(JournalId, Seq, Convert.FromHexString(HeadHash), CreatedAt, ErasedCountOrThrow(), ErasedDigestOrThrow(), TreeSize ?? throw new FormatException("a v3 checkpoint has a treeSize"), TreeRootBytes() ?? throw new FormatException("a v3 checkpoint has a treeRoot")),
        FormatV2 => SignedBytes(JournalId, Seq, Convert.FromHexString(HeadHash), CreatedAt, ErasedCountOrThrow(), ErasedDigestOrThrow()),
        _ => SignedBytes(JournalId, Seq, Convert.FromHexString(HeadHash), CreatedAt),
    };

    /// <summary>The decoded <see cref="TreeRoot"/>; null when there is none.</summary>
    /// <exception cref="FormatException">It is not base64.</exception>
    public byte[]? TreeRootBytes() => TreeRoot is null ? null : Convert.FromBase64String(TreeRoot);

    private long ErasedCountOrThrow() => ErasedCount ?? throw new FormatException($"a {Format} checkpoint has an erasedCount");

    private byte[] ErasedDigestOrThrow() => Convert.FromHexString(ErasedDigest ?? throw new FormatException($"a {Format} checkpoint has an erasedDigest"));

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
