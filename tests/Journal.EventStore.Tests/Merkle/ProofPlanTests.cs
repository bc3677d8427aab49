using Journal.EventStore.Merkle;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>The ranges a proof is made of, at the edges: one leaf, powers of two, the right edge, bad arguments.</summary>
public sealed class ProofPlanTests
{
    [Fact]
    public void Inclusion_in_a_tree_of_one_leaf_is_empty()
    {
        Assert.Empty(ProofPlan.Inclusion(0, 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(1024)]
    public void Inclusion_in_a_power_of_two_names_one_sibling_per_level_each_twice_the_last(long size)
    {
        foreach (var index in new[] { 0, size / 2, size - 1 })
        {
            var plan = ProofPlan.Inclusion(index, size);

            Assert.Equal(long.Log2(size), plan.Count);
            for (var level = 0; level < plan.Count; level++)
            {
                Assert.Equal(1L << level, plan[level].Size);
                Assert.True(plan[level].IsPerfect);
                Assert.False(index >= plan[level].Start && index < plan[level].End, $"range {plan[level]} holds leaf {index}");
            }
        }
    }

    [Fact]
    public void Inclusion_at_the_right_edge_names_the_complete_subtrees_to_its_left()
    {
        // 13 = 8 + 4 + 1: leaf 12 stands alone on the right edge, its path is [8, 12) then [0, 8).
        Assert.Equal([new SubtreeRange(8, 12), new SubtreeRange(0, 8)], ProofPlan.Inclusion(12, 13));
        Assert.Equal([new SubtreeRange(10, 11), new SubtreeRange(8, 10), new SubtreeRange(12, 13), new SubtreeRange(0, 8)], ProofPlan.Inclusion(11, 13));
        Assert.Equal([new SubtreeRange(6, 7), new SubtreeRange(4, 6), new SubtreeRange(0, 4)], ProofPlan.Inclusion(7, 8));
    }

    [Fact]
    public void Inclusion_ranges_cover_every_leaf_but_the_one_proved_once_each()
    {
        for (long size = 1; size <= 70; size++)
        {
            for (long index = 0; index < size; index++)
            {
                var covered = ProofPlan.Inclusion(index, size).SelectMany(r => Leaves(r)).Order().ToList();

                Assert.Equal(Leaves(new SubtreeRange(0, size)).Where(l => l != index), covered);
            }
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    [InlineData(-1, 5)]
    [InlineData(long.MinValue, 5)]
    [InlineData(0, -3)]
    public void Inclusion_throws_when_the_index_is_not_a_leaf(long index, long size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.Inclusion(index, size));
        Assert.Equal("index", error.ParamName);
    }

    [Fact]
    public void Consistency_between_equal_sizes_is_empty()
    {
        Assert.Empty(ProofPlan.Consistency(1, 1));
        Assert.Empty(ProofPlan.Consistency(8, 8));
        Assert.Empty(ProofPlan.Consistency(13, 13));
    }

    [Fact]
    public void Consistency_from_a_power_of_two_leaves_the_old_root_out()
    {
        // The old tree [0, 4) is on the left edge: the verifier holds it, so only the new parts are named.
        Assert.Equal([new SubtreeRange(4, 8)], ProofPlan.Consistency(4, 8));
        Assert.Equal([new SubtreeRange(1, 2)], ProofPlan.Consistency(1, 2));
        Assert.Equal([new SubtreeRange(1, 2), new SubtreeRange(2, 3)], ProofPlan.Consistency(1, 3));
    }

    [Fact]
    public void Consistency_from_a_size_that_is_not_a_power_of_two_names_its_last_complete_subtree_first()
    {
        // RFC 9162, 2.1.4.3: PROOF(3, D[7]) = [c, d, g, l], that is [2, 3), [3, 4), [0, 2), [4, 7).
        Assert.Equal([new SubtreeRange(2, 3), new SubtreeRange(3, 4), new SubtreeRange(0, 2), new SubtreeRange(4, 7)], ProofPlan.Consistency(3, 7));
        // PROOF(4, D[7]) = [l] and PROOF(6, D[7]) = [i, j, k].
        Assert.Equal([new SubtreeRange(4, 7)], ProofPlan.Consistency(4, 7));
        Assert.Equal([new SubtreeRange(4, 6), new SubtreeRange(6, 7), new SubtreeRange(0, 4)], ProofPlan.Consistency(6, 7));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(-1, 5)]
    [InlineData(6, 5)]
    [InlineData(1, 0)]
    public void Consistency_throws_unless_0_lt_from_le_to(long from, long to)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.Consistency(from, to));
        Assert.Equal("from", error.ParamName);
    }

    private static IEnumerable<long> Leaves(SubtreeRange range)
    {
        for (var leaf = range.Start; leaf < range.End; leaf++)
        {
            yield return leaf;
        }
    }
}
