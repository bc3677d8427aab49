using Journal.EventStore.Ports;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Merkle;

/// <summary>
/// The tape's tree computed from a tape file's rows on each call, one pass over them (O(n) reads, O(log n) memory):
/// for the offline verbs over a file, which trust nothing but its rows. The service answers from the stored tree.
/// </summary>
public sealed class ScannedTapeTree(TapeVerifier tape) : ITapeTree
{
    /// <inheritdoc />
    public long BuiltSize => tape.ReadHeadSeq();

    /// <inheritdoc />
    public Task<TreeHead> HeadAsync(long size, CancellationToken ct)
    {
        CheckSize(size, nameof(size));
        return Task.FromResult(new TreeHead(size, Checkpoints.CheckpointTree.RootAt(tape, size)));
    }

    /// <inheritdoc />
    public Task<InclusionProof> InclusionAsync(long seq, long treeSize, CancellationToken ct)
    {
        CheckSize(treeSize, nameof(treeSize));
        if (seq < 1 || seq > treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(seq), seq, $"seq is from 1 to the tree size {treeSize}");
        }

        var wanted = ScannedSubtrees.PartsOf([.. ProofPlan.Inclusion(seq - 1, treeSize), new SubtreeRange(0, treeSize)]);
        return Task.FromResult(MerkleProofs.Inclusion(seq - 1, treeSize, ScannedSubtrees.Scan(tape.ReadHashes(1, treeSize), wanted)));
    }

    /// <inheritdoc />
    public Task<ConsistencyProof> ConsistencyAsync(long fromSize, long toSize, CancellationToken ct)
    {
        CheckSize(toSize, nameof(toSize));
        if (fromSize < 1 || fromSize > toSize)
        {
            throw new ArgumentOutOfRangeException(nameof(fromSize), fromSize, $"fromSize is from 1 to toSize {toSize}");
        }

        var wanted = ScannedSubtrees.PartsOf([.. ProofPlan.Consistency(fromSize, toSize), new SubtreeRange(0, fromSize), new SubtreeRange(0, toSize)]);
        return Task.FromResult(MerkleProofs.Consistency(fromSize, toSize, ScannedSubtrees.Scan(tape.ReadHashes(1, toSize), wanted)));
    }

    private void CheckSize(long size, string name)
    {
        var head = tape.ReadHeadSeq();
        if (size < 0 || size > head)
        {
            throw new ArgumentOutOfRangeException(name, size, $"the tree size is from 0 to the tape's head {head}");
        }
    }
}
