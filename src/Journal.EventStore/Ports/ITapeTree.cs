using Journal.EventStore.Merkle;

namespace Journal.EventStore.Ports;

/// <summary>A tree head: the root of the tape's Merkle tree over its first <see cref="Size"/> events.</summary>
public sealed record TreeHead(long Size, byte[] Root);

/// <summary>
/// The tape's Merkle tree (docs/hash-chain.md, "Merkle tree and proofs"): roots and proofs at any size up to the
/// tape's head, in O(log n) reads. Leaf i is the event at seq i + 1.
/// </summary>
public interface ITapeTree
{
    /// <summary>Leaves whose complete subtrees are stored so far (the builder follows the tape's commits).</summary>
    long BuiltSize { get; }

    /// <summary>The tree head at <paramref name="size"/> (0 up to the tape's head); waits for the builder to reach it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative or beyond the tape's head.</exception>
    Task<TreeHead> HeadAsync(long size, CancellationToken ct);

    /// <summary>The inclusion proof of the event at <paramref name="seq"/> in the tree of <paramref name="treeSize"/> events.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1 &lt;= seq &lt;= treeSize &lt;= the tape's head.</exception>
    Task<InclusionProof> InclusionAsync(long seq, long treeSize, CancellationToken ct);

    /// <summary>The consistency proof from the tree of <paramref name="fromSize"/> events to the tree of <paramref name="toSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; fromSize &lt;= toSize &lt;= the tape's head.</exception>
    Task<ConsistencyProof> ConsistencyAsync(long fromSize, long toSize, CancellationToken ct);
}
