using System.Security.Cryptography;

namespace Journal.EventStore.Checkpoints;

/// <summary>Signs checkpoints of a tape's head.</summary>
public static class CheckpointSigner
{
    /// <summary>
    /// A <c>journal.checkpoint.v2</c> of <paramref name="state"/> (read with
    /// <see cref="Verification.TapeVerifier.ReadCheckpointStateAsync"/>) of journal <paramref name="journalId"/>,
    /// signed with <paramref name="key"/> (P-256, private).
    /// </summary>
    public static SignedCheckpoint Sign(Guid journalId, CheckpointState state, DateTimeOffset now, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(key);
        var createdAt = now.ToUnixTimeMilliseconds();
        var bytes = SignedCheckpoint.SignedBytes(journalId, state.Seq, state.HeadHash.Span, createdAt, state.ErasedCount, state.ErasedDigest.Span);
        var signature = key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedCheckpoint(
            SignedCheckpoint.FormatV2,
            journalId,
            state.Seq,
            Convert.ToHexStringLower(state.HeadHash.Span),
            createdAt,
            Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            Convert.ToBase64String(signature))
        {
            ErasedCount = state.ErasedCount,
            ErasedDigest = Convert.ToHexStringLower(state.ErasedDigest.Span),
        };
    }
}
