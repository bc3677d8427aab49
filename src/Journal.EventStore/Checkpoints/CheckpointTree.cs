using Journal.EventStore.Merkle;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Checkpoints;

/// <summary>
/// The Merkle side of a checkpoint, computed from the tape's rows alone in one pass: the root a checkpoint signs,
/// and the consistency proof from a checkpoint's tree to the tape's tree at its head, checked as a client would.
/// </summary>
public static class CheckpointTree
{
    /// <summary>The root of the tape's tree of <paramref name="size"/> events.</summary>
    public static byte[] RootAt(TapeVerifier tape, long size)
    {
        ArgumentNullException.ThrowIfNull(tape);
        if (size == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        var whole = new SubtreeRange(0, size);
        return MerkleProofs.Root(size, ScannedSubtrees.Scan(tape.ReadHashes(1, size), whole.PerfectParts()));
    }

    /// <summary>
    /// Builds the consistency proof from the tree of <paramref name="size"/> events to the tree of
    /// <paramref name="headSize"/> events over the tape, and checks it against the signed <paramref name="root"/> with
    /// <see cref="MerkleVerifier"/>. Null when the proof does not hold.
    /// </summary>
    public static ConsistencyProof? ProveExtends(TapeVerifier tape, long size, ReadOnlySpan<byte> root, long headSize)
    {
        ArgumentNullException.ThrowIfNull(tape);
        if (size == 0)
        {
            // Every tree extends the empty one; its root is SHA-256 of nothing.
            var empty = MerkleHash.EmptyRoot();
            return root.SequenceEqual(empty) ? new ConsistencyProof(0, headSize, [], empty, RootAt(tape, headSize)) : null;
        }

        var wanted = ScannedSubtrees.PartsOf([.. ProofPlan.Consistency(size, headSize), new SubtreeRange(0, size), new SubtreeRange(0, headSize)]);
        var proof = MerkleProofs.Consistency(size, headSize, ScannedSubtrees.Scan(tape.ReadHashes(1, headSize), wanted));
        return MerkleVerifier.VerifyConsistency(size, headSize, proof.Path, root, proof.ToRoot) ? proof : null;
    }
}
