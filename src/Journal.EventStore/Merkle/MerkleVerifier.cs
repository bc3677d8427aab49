namespace Journal.EventStore.Merkle;

/// <summary>
/// Checks proofs as RFC 9162 sections 2.1.3.2 and 2.1.4.2 describe, needing nothing but the hashes: what a client or
/// an auditor runs. Every hash that is combined must be 32 bytes; anything else is refused, never thrown.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>Whether <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (root.Length != MerkleHash.Size)
        {
            return false;
        }

        var computed = RootFromPath(index, size, leafHash, path);
        return computed is not null && root.SequenceEqual(computed);
    }

    /// <summary>
    /// The root that an audit path leads to from a leaf, or null when the index is not a leaf of the tree, a hash is
    /// not 32 bytes, or the path's length does not fit the index and size.
    /// </summary>
    public static byte[]? RootFromPath(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || !AllHashes(path))
        {
            return null;
        }

        var fn = index;
        var sn = size - 1;
        var hash = leafHash.ToArray();
        foreach (var sibling in path)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(sibling, hash, hash);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(hash, sibling, hash);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? hash : null;
    }

    /// <summary>Whether the tree of <paramref name="toSize"/> leaves with <paramref name="toRoot"/> extends the tree of <paramref name="fromSize"/> leaves with <paramref name="fromRoot"/>.</summary>
    public static bool VerifyConsistency(long fromSize, long toSize, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> fromRoot, ReadOnlySpan<byte> toRoot)
    {
        // A proof from the empty tree proves nothing; RFC 9162 defines consistency for 0 < from < to, and ProofPlan
        // also builds the empty proof between equal sizes.
        if (fromSize <= 0 || toSize < fromSize || !AllHashes(path))
        {
            return false;
        }

        // Equal sizes hash nothing, so no length is checked: the two heads must simply agree, with an empty proof.
        if (fromSize == toSize)
        {
            return path.Count == 0 && fromRoot.SequenceEqual(toRoot);
        }

        if (fromRoot.Length != MerkleHash.Size || toRoot.Length != MerkleHash.Size || path.Count == 0)
        {
            return false;
        }

        // When the old tree is a complete subtree on the left edge, the proof leaves it out: the verifier has it.
        var steps = path;
        if (long.IsPow2(fromSize))
        {
            steps = [fromRoot.ToArray(), .. path];
        }

        var fn = fromSize - 1;
        var sn = toSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var oldHash = (byte[])steps[0].Clone();
        var newHash = (byte[])steps[0].Clone();
        for (var i = 1; i < steps.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            var step = steps[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(step, oldHash, oldHash);
                MerkleHash.Node(step, newHash, newHash);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(newHash, step, newHash);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fromRoot.SequenceEqual(oldHash) && toRoot.SequenceEqual(newHash);
    }

    private static bool AllHashes(IReadOnlyList<byte[]> path)
    {
        foreach (var hash in path)
        {
            if (hash is not { Length: MerkleHash.Size })
            {
                return false;
            }
        }

        return true;
    }
}
