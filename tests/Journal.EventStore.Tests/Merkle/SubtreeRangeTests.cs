using Journal.EventStore.Merkle;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>How a range of leaves splits into the complete subtrees a store keeps, and how their hashes fold back.</summary>
public sealed class SubtreeRangeTests
{
    [Fact]
    public void PerfectParts_of_a_single_leaf_is_that_leaf()
    {
        Assert.Equal([new SubtreeRange(0, 1)], new SubtreeRange(0, 1).PerfectParts());
        Assert.Equal([new SubtreeRange(7, 8)], new SubtreeRange(7, 8).PerfectParts());
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(0, 16)]
    [InlineData(16, 32)]
    [InlineData(1024, 2048)]
    public void PerfectParts_of_a_complete_subtree_is_itself(long start, long end)
    {
        var range = new SubtreeRange(start, end);

        Assert.True(range.IsPerfect);
        Assert.Equal([range], range.PerfectParts());
    }

    [Fact]
    public void PerfectParts_splits_largest_power_of_two_first()
    {
        Assert.Equal([new SubtreeRange(0, 8), new SubtreeRange(8, 12), new SubtreeRange(12, 13)], new SubtreeRange(0, 13).PerfectParts());
        Assert.Equal([new SubtreeRange(8, 10), new SubtreeRange(10, 11)], new SubtreeRange(8, 11).PerfectParts());
        Assert.Equal([new SubtreeRange(0, 2), new SubtreeRange(2, 3)], new SubtreeRange(0, 3).PerfectParts());
    }

    [Fact]
    public void PerfectParts_of_every_prefix_folds_to_the_rfc_root()
    {
        var tree = new ReferenceTree(200);
        for (var size = 1; size <= 200; size++)
        {
            var parts = new SubtreeRange(0, size).PerfectParts();

            Assert.Equal(long.PopCount(size), parts.Count);
            Assert.All(parts, p => Assert.True(p.IsPerfect));
            Assert.Equal(tree.Root(size), MerkleFold.FromRight(tree.Hashes(parts)));
        }
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(5, 4)]
    public void PerfectParts_throws_for_an_empty_or_reversed_range(long start, long end)
    {
        Assert.Throws<ArgumentException>(() => new SubtreeRange(start, end).PerfectParts());
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 6)]
    [InlineData(3, 7)]
    [InlineData(6, 10)]
    public void PerfectParts_throws_for_a_range_that_is_no_union_of_complete_subtrees_in_rfc_order(long start, long end)
    {
        Assert.Throws<ArgumentException>(() => new SubtreeRange(start, end).PerfectParts());
    }

    [Theory]
    [InlineData(0, 1, true, 0)]
    [InlineData(4, 8, true, 2)]
    [InlineData(3, 4, true, 0)]
    [InlineData(2, 6, false, 2)]
    [InlineData(0, 3, false, 1)]
    [InlineData(5, 5, false, 0)]
    public void IsPerfect_and_Level(long start, long end, bool perfect, int level)
    {
        var range = new SubtreeRange(start, end);

        Assert.Equal(perfect, range.IsPerfect);
        if (perfect)
        {
            Assert.Equal(level, range.Level);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-8)]
    [InlineData(long.MinValue)]
    public void LargestPowerOfTwoBelow_throws_when_no_power_of_two_is_below(long n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SubtreeRange.LargestPowerOfTwoBelow(n));
    }

    [Fact]
    public void A_range_before_leaf_0_is_not_perfect()
    {
        Assert.False(new SubtreeRange(-4, 0).IsPerfect);
        Assert.False(new SubtreeRange(-1, 0).IsPerfect);
        Assert.Throws<ArgumentException>(() => new SubtreeRange(-4, 0).PerfectParts());
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(1025, 1024)]
    [InlineData(1L << 62, 1L << 61)]
    public void LargestPowerOfTwoBelow_is_strictly_smaller(long n, long expected)
    {
        Assert.Equal(expected, SubtreeRange.LargestPowerOfTwoBelow(n));
    }

    [Fact]
    public void MerkleFold_throws_on_no_parts_and_leaves_its_input_alone()
    {
        var parts = new[] { new byte[32], Enumerable.Repeat((byte)7, 32).ToArray() };
        var copy = parts.Select(p => (byte[])p.Clone()).ToArray();

        Assert.Throws<ArgumentException>(() => MerkleFold.FromRight([]));
        Assert.Equal(MerkleHash.Node(parts[0], parts[1]), MerkleFold.FromRight(parts));
        Assert.Equal(copy, parts);
        Assert.Equal(parts[1], MerkleFold.FromRight([parts[1]]));
        Assert.NotSame(parts[1], MerkleFold.FromRight([parts[1]]));
    }

    [Fact]
    public void MerkleHash_is_the_rfc_hash_and_refuses_inputs_that_are_not_32_bytes()
    {
        var tree = new ReferenceTree(2);

        Assert.Equal(tree.LeafHash(0), MerkleHash.Leaf(tree.EventHash(0)));
        Assert.Equal(tree.Root(2), MerkleHash.Node(tree.LeafHash(0), tree.LeafHash(1)));
        Assert.Equal(tree.Root(0), MerkleHash.EmptyRoot());
        Assert.Equal(tree.Root(0), MerkleProofs.Root(0, tree));
        Assert.Throws<ArgumentException>(() => MerkleHash.Leaf(new byte[31]));
        Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[32], new byte[33]));
        Assert.Throws<ArgumentException>(() => MerkleHash.Node([], new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Root(-1, tree));
    }
}
