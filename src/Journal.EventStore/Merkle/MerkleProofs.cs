namespace Journal.EventStore.Merkle;

/// <summary>An audit path: leaf <see cref="LeafIndex"/> (the event at seq LeafIndex + 1) is in the tree of <see cref="TreeSize"/> leaves whose root is <see cref="Root"/>.</summary>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> Path, byte[] Root);

/// <summary>The tree of <see cref="ToSize"/> leaves (root <see cref="ToRoot"/>) extends the tree of <see cref="FromSize"/> leaves (root <see cref="FromRoot"/>).</summary>
public sealed record ConsistencyProof(long FromSize, long ToSize, IReadOnlyList<byte[]> Path, byte[] FromRoot, byte[] ToRoot);

/// <summary>Builds roots and proofs from the hashes of complete subtrees, reading them in one call per proof.</summary>
public static class MerkleProofs
{
    /// <summary>The root of the tree of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(long size, IPerfectSubtrees source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? MerkleHash.EmptyRoot() : Resolve([new SubtreeRange(0, size)], source)[0];
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a leaf of that tree.</exception>
    public static InclusionProof Inclusion(long index, long size, IPerfectSubtrees source)
    {
        var ranges = new List<SubtreeRange>(ProofPlan.Inclusion(index, size)) { new(0, size) };
        var hashes = Resolve(ranges, source);
        return new InclusionProof(index, size, hashes.Take(hashes.Count - 1).ToArray(), hashes[^1]);
    }

    /// <summary>The consistency proof from the tree of <paramref name="from"/> leaves to the tree of <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; from &lt;= to.</exception>
    public static ConsistencyProof Consistency(long from, long to, IPerfectSubtrees source)
    {
        var ranges = new List<SubtreeRange>(ProofPlan.Consistency(from, to)) { new(0, from), new(0, to) };
        var hashes = Resolve(ranges, source);
        return new ConsistencyProof(from, to, hashes.Take(hashes.Count - 2).ToArray(), hashes[^2], hashes[^1]);
    }

    /// <summary>The hash of each range, from one read of all their perfect parts.</summary>
    public static IReadOnlyList<byte[]> Resolve(IReadOnlyList<SubtreeRange> ranges, IPerfectSubtrees source)
    {
        var split = ranges.Select(range => range.PerfectParts()).ToArray();
        var parts = source.Hashes(split.SelectMany(p => p).ToArray());
        var hashes = new byte[ranges.Count][];
        var at = 0;
        for (var i = 0; i < split.Length; i++)
        {
            hashes[i] = MerkleFold.FromRight(Slice(parts, at, split[i].Count));
            at += split[i].Count;
        }

        return hashes;
    }

    private static byte[][] Slice(IReadOnlyList<byte[]> parts, int start, int count)
    {
        var slice = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            slice[i] = parts[start + i];
        }

        return slice;
    }
}
