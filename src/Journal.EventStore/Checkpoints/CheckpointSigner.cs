using System.Security.Cryptography;

namespace Journal.EventStore.Checkpoints;

/// <summary>Signs checkpoints of a tape's head.</summary>
public static class CheckpointSigner
{
    /// <summary>
    /// A <c>journal.checkpoint.v3</c> of <paramref name="state"/> (read with
    /// <see cref="Verification.TapeVerifier.ReadCheckpointStateAsync"/>) of journal <paramref name="journalId"/>, whose
    /// Merkle tree of <c>state.Seq</c> events has <paramref name="treeRoot"/>, signed with <paramref name="key"/>
    /// (P-256, private); with the same tree head as a C2SP checkpoint note of <see cref="Origin"/>.
    /// </summary>
    public static SignedCheckpoint Sign(Guid journalId, CheckpointState state, ReadOnlySpan<byte> treeRoot, DateTimeOffset now, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(key);
        var createdAt = now.ToUnixTimeMilliseconds();
        var bytes = SignedCheckpoint.SignedBytes(journalId, state.Seq, state.HeadHash.Span, createdAt, state.ErasedCount, state.ErasedDigest.Span, state.Seq, treeRoot);
        var signature = key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedCheckpoint(
            SignedCheckpoint.FormatV3,
            journalId,
            state.Seq,
            Convert.ToHexStringLower(state.HeadHash.Span),
            createdAt,
            Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            Convert.ToBase64String(signature))
        {
            ErasedCount = state.ErasedCount,
            ErasedDigest = Convert.ToHexStringLower(state.ErasedDigest.Span),
            TreeSize = state.Seq,
            TreeRoot = Convert.ToBase64String(treeRoot),
            Note = CheckpointNote.Sign(Origin(journalId), state.Seq, treeRoot, key),
        };
    }

    /// <summary>Signs the head of a tape file: its state and the Merkle root there, both read from its rows.</summary>
    public static async Task<SignedCheckpoint> SignHeadAsync(Guid journalId, Verification.TapeVerifier tape, DateTimeOffset now, ECDsa key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var state = await tape.ReadCheckpointStateAsync(ct).ConfigureAwait(false);
        return Sign(journalId, state, CheckpointTree.RootAt(tape, state.Seq), now, key);
    }

    /// <summary>The origin line of a journal's checkpoint notes: <c>journal/</c> and its id.</summary>
    public static string Origin(Guid journalId) => $"journal/{journalId:D}";
}
