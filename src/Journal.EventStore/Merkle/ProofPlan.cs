namespace Journal.EventStore.Merkle;

/// <summary>
/// Which subtrees a proof is made of (RFC 9162, sections 2.1.3.1 and 2.1.4.1), before any hash is read: each element
/// of a proof is the hash of one range of leaves, and the ranges depend on the sizes and index alone.
/// </summary>
public static class ProofPlan
{
    /// <summary>
    /// The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, from the leaf's
    /// sibling up to the root's other child (the RFC's <c>PATH(m, D[n])</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a leaf of that tree.</exception>
    public static IReadOnlyList<SubtreeRange> Inclusion(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"leaf {index} is not in a tree of {size} leaves");
        }

        var siblings = new List<SubtreeRange>();
        long start = 0, end = size;
        while (end - start > 1)
        {
            var split = start + SubtreeRange.LargestPowerOfTwoBelow(end - start);
            if (index < split)
            {
                siblings.Add(new SubtreeRange(split, end));
                end = split;
            }
            else
            {
                siblings.Add(new SubtreeRange(start, split));
                start = split;
            }
        }

        siblings.Reverse();
        return siblings;
    }

    /// <summary>
    /// The consistency proof between the tree of <paramref name="from"/> leaves and the tree of <paramref name="to"/>
    /// leaves that extends it (the RFC's <c>PROOF(m, D[n])</c>); empty when the sizes are equal.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; from &lt;= to.</exception>
    public static IReadOnlyList<SubtreeRange> Consistency(long from, long to)
    {
        if (from <= 0 || from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"a consistency proof needs 0 < from <= to (to is {to})");
        }

        var parts = new List<SubtreeRange>();
        long start = 0, end = to, remaining = from;
        var onLeftEdge = true;
        while (remaining != end - start)
        {
            var half = SubtreeRange.LargestPowerOfTwoBelow(end - start);
            if (remaining <= half)
            {
                parts.Add(new SubtreeRange(start + half, end));
                end = start + half;
            }
            else
            {
                parts.Add(new SubtreeRange(start, start + half));
                start += half;
                remaining -= half;
                onLeftEdge = false;
            }
        }

        // The old tree's last complete subtree is named unless it lies on the left edge, where the verifier
        // already holds it as the old root.
        if (!onLeftEdge)
        {
            parts.Add(new SubtreeRange(start, end));
        }

        parts.Reverse();
        return parts;
    }
}
