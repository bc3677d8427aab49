namespace Journal.EventStore.Merkle.Tree;

/// <summary>Where a backend keeps the tree's complete subtrees from level <see cref="StoredLevels.Lowest"/> up, and its build state.</summary>
public interface ITreeNodeStore : IAsyncDisposable
{
    /// <summary>The build state, or null for a store never written (or just reset).</summary>
    Task<TreeState?> ReadStateAsync(CancellationToken ct);

    /// <summary>Removes every node and the state: the tree is rebuilt from the tape.</summary>
    Task ResetAsync(CancellationToken ct);

    /// <summary>The hashes of the nodes asked for that are stored (a missing one is absent from the answer).</summary>
    Task<IReadOnlyDictionary<(int Level, long Index), byte[]>> ReadNodesAsync(IReadOnlyCollection<(int Level, long Index)> keys, CancellationToken ct);

    /// <summary>Writes <paramref name="nodes"/> (a node already stored is kept) and moves the state to <paramref name="state"/>, in one transaction.</summary>
    Task WriteAsync(IReadOnlyList<TreeNode> nodes, TreeState state, CancellationToken ct);
}

/// <summary>Which levels of the tree are stored.</summary>
public static class StoredLevels
{
    /// <summary>The lowest stored level: subtrees of 16 leaves and more (about n/8 rows); a smaller one is hashed from one tape range read.</summary>
    public const int Lowest = 4;

    /// <summary>Leaves under a node of the lowest stored level.</summary>
    public const int ChunkLeaves = 1 << Lowest;

    /// <summary>The largest size at or below <paramref name="size"/> whose complete subtrees are all stored once built.</summary>
    public static long Floor(long size) => size & ~(long)(ChunkLeaves - 1);
}
