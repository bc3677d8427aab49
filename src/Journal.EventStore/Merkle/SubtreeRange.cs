using System.Numerics;

namespace Journal.EventStore.Merkle;

/// <summary>
/// The leaves <c>[Start, End)</c> (0-based leaf indexes; leaf i is the event at seq i + 1) as one subtree of the
/// tape's tree. A range is <em>perfect</em> when it holds a power of two of leaves and starts at a multiple of
/// that power: exactly the complete subtrees a store keeps.
/// </summary>
public readonly record struct SubtreeRange(long Start, long End)
{
    /// <summary>Leaves in the range.</summary>
    public long Size => End - Start;

    /// <summary>A power of two of leaves, starting at a multiple of it.</summary>
    public bool IsPerfect => Start >= 0 && Size > 0 && BitOperations.IsPow2(Size) && Start % Size == 0;

    /// <summary>For a perfect range, its height: 0 for a leaf, 1 for two leaves, and so on.</summary>
    public int Level => BitOperations.Log2((ulong)Size);

    /// <summary>
    /// The perfect ranges whose hashes, folded from the right (<see cref="MerkleFold"/>), give this range's RFC 9162
    /// hash: the largest power of two smaller than the size goes left, the rest recursively right. Every range the
    /// proofs ask for starts at a multiple of its left part, so each piece is perfect.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty or cannot be split into perfect ranges.</exception>
    public IReadOnlyList<SubtreeRange> PerfectParts()
    {
        if (Size <= 0)
        {
            throw new ArgumentException($"the range [{Start}, {End}) holds no leaves");
        }

        var parts = new List<SubtreeRange>(BitOperations.PopCount((ulong)Size));
        var start = Start;
        while (!BitOperations.IsPow2(End - start))
        {
            var left = LargestPowerOfTwoBelow(End - start);
            parts.Add(Checked(new SubtreeRange(start, start + left)));
            start += left;
        }

        parts.Add(Checked(new SubtreeRange(start, End)));
        return parts;
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 2: no power of two is below it.</exception>
    public static long LargestPowerOfTwoBelow(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        return 1L << BitOperations.Log2((ulong)(n - 1));
    }

    private static SubtreeRange Checked(SubtreeRange range) => range.IsPerfect
        ? range
        : throw new ArgumentException($"the range [{range.Start}, {range.End}) is not a complete subtree of the tape's tree");
}
