using System.Security.Cryptography;
using Journal.Domain.Tape;

namespace Journal.EventStore.Checkpoints;

/// <summary>Signs checkpoints of a tape's head.</summary>
public static class CheckpointSigner
{
    /// <summary>A checkpoint of <paramref name="head"/> of journal <paramref name="journalId"/>, signed with <paramref name="key"/> (P-256, private).</summary>
    public static SignedCheckpoint Sign(Guid journalId, TapeHead head, DateTimeOffset now, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(key);
        var createdAt = now.ToUnixTimeMilliseconds();
        var bytes = SignedCheckpoint.SignedBytes(journalId, head.Seq, head.Hash.Span, createdAt);
        var signature = key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedCheckpoint(
            SignedCheckpoint.FormatV1,
            journalId,
            head.Seq,
            Convert.ToHexStringLower(head.Hash.Span),
            createdAt,
            Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            Convert.ToBase64String(signature));
    }
}
