namespace Journal.EventStore.Merkle.Tree;

/// <summary>
/// The right edge of a tree built to a multiple of <see cref="StoredLevels.ChunkLeaves"/> leaves: the complete
/// subtrees of its size's binary decomposition, largest first. A new chunk of 16 leaves joins its equals up the
/// edge, closing one node per level it climbs; those nodes are what the builder stores.
/// </summary>
public sealed class TreeFrontier
{
    private readonly List<TreeNode> _edge;

    private TreeFrontier(long size, List<TreeNode> edge)
    {
        Size = size;
        _edge = edge;
    }

    /// <summary>Leaves under the edge.</summary>
    public long Size { get; private set; }

    /// <summary>The empty tree's edge.</summary>
    public static TreeFrontier Empty() => new(0, []);

    /// <summary>The nodes that make the edge of a tree of <paramref name="size"/> leaves (a multiple of 16), largest first.</summary>
    public static IReadOnlyList<(int Level, long Index)> Keys(long size)
    {
        if (size < 0 || StoredLevels.Floor(size) != size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "a built size is a multiple of 16");
        }

        var keys = new List<(int, long)>();
        long start = 0;
        for (var level = 62; level >= StoredLevels.Lowest; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                keys.Add((level, start >> level));
                start += 1L << level;
            }
        }

        return keys;
    }

    /// <summary>The edge of a tree of <paramref name="size"/> leaves from its stored nodes.</summary>
    /// <exception cref="InvalidDataException">A node of the edge is not stored.</exception>
    public static TreeFrontier Load(long size, IReadOnlyDictionary<(int Level, long Index), byte[]> nodes)
    {
        var edge = new List<TreeNode>();
        foreach (var key in Keys(size))
        {
            if (!nodes.TryGetValue(key, out var hash))
            {
                throw new InvalidDataException($"the stored tree lacks node {key.Level}/{key.Index} of its edge at size {size}");
            }

            edge.Add(new TreeNode(key.Level, key.Index, hash));
        }

        return new TreeFrontier(size, edge);
    }

    /// <summary>Adds the next chunk of 16 leaves by its root; returns the nodes this closes (the chunk's and every one it completes above).</summary>
    public void Push(byte[] chunkRoot, List<TreeNode> closed)
    {
        var node = new TreeNode(StoredLevels.Lowest, Size >> StoredLevels.Lowest, chunkRoot);
        closed.Add(node);
        while (_edge.Count > 0 && _edge[^1].Level == node.Level)
        {
            var left = _edge[^1];
            _edge.RemoveAt(_edge.Count - 1);
            node = new TreeNode(node.Level + 1, left.Index >> 1, MerkleHash.Node(left.Hash, node.Hash));
            closed.Add(node);
        }

        _edge.Add(node);
        Size += StoredLevels.ChunkLeaves;
    }
}
