using Journal.EventStore.Ports;

namespace Journal.EventStore.Merkle.Tree;

/// <summary>The tree when it is turned off: nothing is built, and every question fails with <see cref="MerkleTreeOffException"/>.</summary>
public sealed class TapeTreeOff : ITapeTree
{
    /// <inheritdoc />
    public long BuiltSize => 0;

    /// <inheritdoc />
    public Task<TreeHead> HeadAsync(long size, CancellationToken ct) => Task.FromException<TreeHead>(new MerkleTreeOffException());

    /// <inheritdoc />
    public Task<InclusionProof> InclusionAsync(long seq, long treeSize, CancellationToken ct) => Task.FromException<InclusionProof>(new MerkleTreeOffException());

    /// <inheritdoc />
    public Task<ConsistencyProof> ConsistencyAsync(long fromSize, long toSize, CancellationToken ct) => Task.FromException<ConsistencyProof>(new MerkleTreeOffException());
}
