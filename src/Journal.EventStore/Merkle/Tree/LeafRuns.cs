namespace Journal.EventStore.Merkle.Tree;

/// <summary>Hashes complete subtrees straight from the events' chain hashes, as read from the tape.</summary>
public static class LeafRuns
{
    /// <summary>
    /// The root of the complete subtree over <paramref name="leaves"/> consecutive events (a power of two) whose
    /// chain hashes start at <paramref name="offset"/> in <paramref name="eventHashes"/> (32 bytes each).
    /// </summary>
    public static byte[] Root(ReadOnlySpan<byte> eventHashes, int offset, int leaves)
    {
        if (leaves <= 0 || (leaves & (leaves - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(leaves), leaves, "a complete subtree has a power of two of leaves");
        }

        var level = new byte[leaves * MerkleHash.Size];
        for (var i = 0; i < leaves; i++)
        {
            MerkleHash.Leaf(eventHashes.Slice((offset + i) * MerkleHash.Size, MerkleHash.Size), level.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
        }

        for (var width = leaves; width > 1; width /= 2)
        {
            for (var i = 0; i < width / 2; i++)
            {
                var left = level.AsSpan(2 * i * MerkleHash.Size, MerkleHash.Size);
                var right = level.AsSpan(((2 * i) + 1) * MerkleHash.Size, MerkleHash.Size);
                MerkleHash.Node(left, right, level.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
            }
        }

        return level.AsSpan(0, MerkleHash.Size).ToArray();
    }
}
