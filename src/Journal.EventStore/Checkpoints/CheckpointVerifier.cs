using System.Globalization;
using System.Security.Cryptography;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Checkpoints;

/// <summary>The stable codes of a failed checkpoint check.</summary>
public static class CheckpointCodes
{
    /// <summary>The signature does not verify with the key (the checkpoint was altered or signed by another key).</summary>
    public const string BadSignature = "checkpoint.bad_signature";

    /// <summary>The checkpoint names another journal.</summary>
    public const string OtherJournal = "checkpoint.other_journal";

    /// <summary>The tape ends before the checkpointed position: events were cut off (or the tape was rolled back).</summary>
    public const string Truncated = "checkpoint.truncated";

    /// <summary>The tape holds another hash at the checkpointed position: its past was rewritten.</summary>
    public const string Rewritten = "checkpoint.rewritten";

    /// <summary>The tape's own chain is broken.</summary>
    public const string ChainBroken = "checkpoint.chain_broken";

    /// <summary>
    /// (v2) The payloads erased up to the checkpointed position are not the ones the checkpoint counted: a payload
    /// listed by an erasure record from before the checkpoint was blanked after it, or an erasure was undone.
    /// </summary>
    public const string ErasuresDiffer = "checkpoint.erasures_differ";

    /// <summary>
    /// (v3) The checkpoint's Merkle root is not the root of the tape's tree at its size, so no consistency proof from
    /// it to the tape's head holds: the root was forged or the tape's rows differ from those it was signed over.
    /// </summary>
    public const string TreeDiffers = "checkpoint.tree_differs";
}

/// <summary>A payload erased since a checkpoint, and the erasure record that says so.</summary>
/// <param name="Seq">The erased position.</param>
/// <param name="RecordSeq">The position of the <c>journal.payloads_erased.v1</c> record listing it.</param>
/// <param name="Reason">The reason the record gives.</param>
public sealed record ErasedSinceCheckpoint(long Seq, long RecordSeq, string Reason);

/// <summary>The outcome of checking a tape against a checkpoint.</summary>
/// <param name="Extends">True when the signature holds, the chain verifies and the tape has the checkpointed hash at the checkpointed position.</param>
/// <param name="Code">The first failure's code (see <see cref="CheckpointCodes"/>); null when it extends.</param>
/// <param name="Message">What was found, for a person.</param>
/// <param name="KeyTrusted">False when the signature was checked only against the key the checkpoint carries itself.</param>
/// <param name="CheckpointSeq">The checkpointed position.</param>
/// <param name="TapeHeadSeq">The tape's head position.</param>
/// <param name="Chain">The chain verification of the tape.</param>
public sealed record CheckpointCheck(bool Extends, string? Code, string Message, bool KeyTrusted, long CheckpointSeq, long TapeHeadSeq, VerificationReport? Chain)
{
    /// <summary>Whether the checkpoint commits to the payloads erased at its position (a v2 checkpoint).</summary>
    public bool CommitsToErasures { get; init; }

    /// <summary>Whether the checkpoint signs the Merkle root at its position (a v3 checkpoint).</summary>
    public bool CommitsToTree { get; init; }

    /// <summary>(v3) The consistency proof from the checkpoint's tree to the tape's tree at its head, verified; null for v1 and v2.</summary>
    public Merkle.ConsistencyProof? TreeConsistency { get; init; }

    /// <summary>Every payload erased since the checkpoint, with its record, in position order; empty unless it extends.</summary>
    public IReadOnlyList<ErasedSinceCheckpoint> ErasedSince { get; init; } = [];
}

/// <summary>Checks that a tape extends a signed checkpoint, and lists what was erased since it.</summary>
public static class CheckpointVerifier
{
    /// <summary>
    /// Checks, in the order of docs/hash-chain.md: the signature (with <paramref name="trustedKey"/>, or the key
    /// the checkpoint carries when none is given, which only shows the file is self-consistent), the journal id,
    /// the whole chain of the tape, that the tape reaches the checkpointed position with the checkpointed hash
    /// there, and (v2) that the payloads erased up to it are the ones the checkpoint counted. When it extends,
    /// <see cref="CheckpointCheck.ErasedSince"/> lists every payload erased since, with its record.
    /// </summary>
    public static async Task<CheckpointCheck> VerifyAsync(SignedCheckpoint checkpoint, ECDsa? trustedKey, Guid? journalId, TapeVerifier tape, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(tape);
        var seq = checkpoint.Seq.ToString(CultureInfo.InvariantCulture);
        if (!SignatureHolds(checkpoint, trustedKey))
        {
            return Fail(CheckpointCodes.BadSignature, "the checkpoint's signature does not verify with the key: it was altered or signed by another key", 0, null);
        }

        if (journalId is { } id && id != checkpoint.JournalId)
        {
            return Fail(CheckpointCodes.OtherJournal, $"the checkpoint is of journal {checkpoint.JournalId}, the tape is journal {id}", 0, null);
        }

        var chain = await tape.VerifyAsync(ct: ct).ConfigureAwait(false);
        var head = chain.HeadSeq.ToString(CultureInfo.InvariantCulture);
        var truncated = $"the tape ends at seq {head}, before the checkpointed seq {seq}: events were cut off or the tape was rolled back";
        if (chain.FirstMismatch is { } mismatch)
        {
            // A cut-off tail takes the erasure records in it along: the erasures they listed look unrecorded.
            return mismatch.Code == MismatchCodes.ErasureUnrecorded && chain.HeadSeq < checkpoint.Seq
                ? Fail(CheckpointCodes.Truncated, $"{truncated} (erased seq {mismatch.Seq.ToString(CultureInfo.InvariantCulture)} has no erasure record left: it was likely cut off with them)", chain.HeadSeq, chain)
                : Fail(CheckpointCodes.ChainBroken, $"the tape's chain is broken at seq {mismatch.Seq.ToString(CultureInfo.InvariantCulture)}: {mismatch.Code}", chain.HeadSeq, chain);
        }

        if (chain.HeadSeq < checkpoint.Seq)
        {
            return Fail(CheckpointCodes.Truncated, truncated, chain.HeadSeq, chain);
        }

        var hash = checkpoint.Seq == 0 ? Chain.ChainHash.Genesis.ToArray() : tape.ReadHashAt(checkpoint.Seq);
        var found = hash is null ? "none" : Convert.ToHexStringLower(hash);
        if (!string.Equals(found, checkpoint.HeadHash, StringComparison.OrdinalIgnoreCase))
        {
            return Fail(CheckpointCodes.Rewritten, $"the tape has hash {found} at seq {seq}, the checkpoint {checkpoint.HeadHash}: the past was rewritten", chain.HeadSeq, chain);
        }

        var audit = await tape.AuditErasuresAsync(checkpoint.Seq, ct).ConfigureAwait(false);
        var digest = Convert.ToHexStringLower(audit.ErasedDigest.Span);
        if (checkpoint.CommitsToErasures && (audit.ErasedCount != checkpoint.ErasedCount || !string.Equals(digest, checkpoint.ErasedDigest, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(
                CheckpointCodes.ErasuresDiffer,
                $"the checkpoint counts {checkpoint.ErasedCount?.ToString(CultureInfo.InvariantCulture)} erased payloads up to seq {seq}, the tape now {audit.ErasedCount.ToString(CultureInfo.InvariantCulture)} (digest {digest}, signed {checkpoint.ErasedDigest}) besides those erased by records after it: a payload listed by an erasure record from before the checkpoint was blanked after it, or an erased payload was put back",
                chain.HeadSeq,
                chain);
        }

        Merkle.ConsistencyProof? tree = null;
        if (checkpoint.CommitsToTree)
        {
            tree = CheckpointTree.ProveExtends(tape, checkpoint.Seq, checkpoint.TreeRootBytes()!, chain.HeadSeq);
            if (tree is null)
            {
                return Fail(CheckpointCodes.TreeDiffers, $"the tape's Merkle tree of {seq} events does not have the checkpoint's root {checkpoint.TreeRoot}, or its tree at the head does not extend it: the consistency proof from {seq} to {head} fails", chain.HeadSeq, chain);
            }
        }

        return new CheckpointCheck(true, null, $"the tape (head {head}) extends the checkpoint at seq {seq}", trustedKey is not null, checkpoint.Seq, chain.HeadSeq, chain)
        {
            CommitsToErasures = checkpoint.CommitsToErasures,
            CommitsToTree = checkpoint.CommitsToTree,
            ErasedSince = audit.Since,
            TreeConsistency = tree,
        };

        CheckpointCheck Fail(string code, string message, long tapeHead, VerificationReport? report) =>
            new(false, code, message, trustedKey is not null, checkpoint.Seq, tapeHead, report) { CommitsToErasures = checkpoint.CommitsToErasures, CommitsToTree = checkpoint.CommitsToTree };
    }

    private static bool SignatureHolds(SignedCheckpoint checkpoint, ECDsa? trustedKey)
    {
        try
        {
            var bytes = checkpoint.SignedBytes();
            var signature = Convert.FromBase64String(checkpoint.Signature);
            if (trustedKey is not null)
            {
                return trustedKey.VerifyData(bytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }

            using var embedded = ECDsa.Create();
            embedded.ImportSubjectPublicKeyInfo(Convert.FromBase64String(checkpoint.PublicKey), out _);
            return embedded.VerifyData(bytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
