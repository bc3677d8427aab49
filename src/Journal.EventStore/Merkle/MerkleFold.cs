namespace Journal.EventStore.Merkle;

/// <summary>Combines the hashes of a range's perfect parts (<see cref="SubtreeRange.PerfectParts"/>) into the range's hash.</summary>
public static class MerkleFold
{
    /// <summary>Folds from the right: the last two parts make a node, which is the right child of the part before, and so on.</summary>
    public static byte[] FromRight(IReadOnlyList<byte[]> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("a range has at least one part");
        }

        var hash = (byte[])parts[^1].Clone();
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            MerkleHash.Node(parts[i], hash, hash);
        }

        return hash;
    }
}
