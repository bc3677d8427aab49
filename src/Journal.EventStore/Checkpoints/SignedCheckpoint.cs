using System.Buffers.Binary;
using System.Text;

namespace Journal.EventStore.Checkpoints;

/// <summary>
/// A signed statement that a journal's tape had <see cref="HeadHash"/> at position <see cref="Seq"/>
/// at <see cref="CreatedAt"/>. Kept off the machine, it shows a later truncation (the tape ends
/// before <see cref="Seq"/>) or a rewritten past (another hash there), which a chain alone cannot.
/// The signed bytes are <see cref="SignedBytes()"/>, described in docs/hash-chain.md.
/// </summary>
/// <param name="Format">Always <c>journal.checkpoint.v1</c>.</param>
/// <param name="JournalId">The journal's id (from the tape's <c>journal_info</c>).</param>
/// <param name="Seq">The head position checkpointed.</param>
/// <param name="HeadHash">The hash of the row at <see cref="Seq"/>, lower-case hex (64 characters).</param>
/// <param name="CreatedAt">When, in milliseconds since 1970-01-01T00:00:00Z.</param>
/// <param name="PublicKey">The signer's public key, SubjectPublicKeyInfo DER in base64 (informational: verify against a key you trust).</param>
/// <param name="Signature">ECDSA P-256 / SHA-256 over <see cref="SignedBytes()"/>, IEEE P1363 form (r then s, 32 bytes each), base64.</param>
public sealed record SignedCheckpoint(string Format, Guid JournalId, long Seq, string HeadHash, long CreatedAt, string PublicKey, string Signature)
{
    /// <summary>The format tag, also the first field of the signed bytes.</summary>
    public const string FormatV1 = "journal.checkpoint.v1";

    /// <summary>
    /// The bytes signed: five fields, each a 4-byte big-endian length and the bytes: the ASCII tag
    /// <c>journal.checkpoint.v1</c>, the journal id (16 bytes, RFC 4122 order), seq (8 bytes
    /// big-endian), the head hash (32 bytes), created_at (8 bytes big-endian).
    /// </summary>
    /// <exception cref="FormatException">The head hash is not 64 hex characters.</exception>
    public static byte[] SignedBytes(Guid journalId, long seq, ReadOnlySpan<byte> headHash, long createdAt)
    {
        if (headHash.Length != 32)
        {
            throw new FormatException("a checkpoint's head hash is 32 bytes");
        }

        var tag = Encoding.ASCII.GetBytes(FormatV1);
        var bytes = new byte[(4 * 5) + tag.Length + 16 + 8 + 32 + 8];
        var span = bytes.AsSpan();
        var at = 0;
        Field(span, ref at, tag);
        Field(span, ref at, journalId.ToByteArray(bigEndian: true));
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, seq);
        Field(span, ref at, number);
        Field(span, ref at, headHash);
        BinaryPrimitives.WriteInt64BigEndian(number, createdAt);
        Field(span, ref at, number);
        return bytes;
    }

    /// <summary>The signed bytes of this checkpoint.</summary>
    /// <exception cref="FormatException">The head hash is not 64 hex characters.</exception>
    public byte[] SignedBytes() => SignedBytes(JournalId, Seq, Convert.FromHexString(HeadHash), CreatedAt);

    private static void Field(Span<byte> destination, ref int at, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], value.Length);
        at += 4;
        value.CopyTo(destination[at..]);
        at += value.Length;
    }
}
