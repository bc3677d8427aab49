using Journal.EventStore.Merkle;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>Consistency proofs built by <see cref="MerkleProofs"/> from complete subtrees, against the RFC's own PROOF.</summary>
public sealed class ConsistencyProofTests
{
    private const int MaxSize = 130;
    private static readonly ReferenceTree Tree = new(2 * MaxSize);

    [Fact]
    public void Consistency_builds_the_rfc_proof_and_roots_and_it_verifies_for_every_pair_of_sizes_up_to_130()
    {
        for (var to = 1; to <= MaxSize; to++)
        {
            for (var from = 1; from <= to; from++)
            {
                var proof = MerkleProofs.Consistency(from, to, Tree.AtSize(to));

                Assert.Equal(from, proof.FromSize);
                Assert.Equal(to, proof.ToSize);
                Assert.Equal(Tree.Root(from), proof.FromRoot);
                Assert.Equal(Tree.Root(to), proof.ToRoot);
                Assert.Equal(Tree.Proof(from, to), proof.Path);
                Assert.True(
                    MerkleVerifier.VerifyConsistency(from, to, proof.Path, proof.FromRoot, proof.ToRoot),
                    $"the proof from {from} to {to} was refused");
            }
        }
    }

    [Fact]
    public void Consistency_between_equal_sizes_is_empty_and_needs_equal_roots()
    {
        var proof = MerkleProofs.Consistency(9, 9, Tree);

        Assert.Empty(proof.Path);
        Assert.True(MerkleVerifier.VerifyConsistency(9, 9, [], Tree.Root(9), Tree.Root(9)));
        Assert.False(MerkleVerifier.VerifyConsistency(9, 9, [], Tree.Root(9), Tree.Root(8)));
        Assert.False(MerkleVerifier.VerifyConsistency(9, 9, [Tree.Root(9)], Tree.Root(9), Tree.Root(9)));
    }

    [Fact]
    public void VerifyConsistency_refuses_a_flipped_bit_in_any_proof_element_or_in_either_root()
    {
        for (var to = 1; to <= MaxSize; to++)
        {
            for (var from = 1; from <= to; from++)
            {
                var (path, fromRoot, toRoot) = Proof(from, to);
                var bit = (from * 13) + to;

                for (var at = 0; at < path.Count; at++)
                {
                    Tamper.Refused(MerkleVerifier.VerifyConsistency(from, to, Tamper.FlipIn(path, at, bit + at), fromRoot, toRoot), () => $"element {at} flipped, {from} to {to}");
                }

                Tamper.Refused(MerkleVerifier.VerifyConsistency(from, to, path, Tamper.Flip(fromRoot, bit), toRoot), () => $"old root flipped, {from} to {to}");
                Tamper.Refused(MerkleVerifier.VerifyConsistency(from, to, path, fromRoot, Tamper.Flip(toRoot, bit)), () => $"new root flipped, {from} to {to}");
            }
        }
    }

    [Fact]
    public void VerifyConsistency_refuses_wrong_sizes_with_those_sizes_roots()
    {
        for (var to = 1; to <= MaxSize; to++)
        {
            for (var from = 1; from <= to; from++)
            {
                var (path, _, _) = Proof(from, to);
                var claims = new (int From, int To)[]
                {
                    (from - 1, to), (from + 1, to), (from, to - 1), (from, to + 1), (from * 2, to), (from, to * 2), (to, from),
                };

                foreach (var (m, n) in claims.Where(c => (c.From, c.To) != (from, to) && c.From >= 1))
                {
                    Tamper.Refused(MerkleVerifier.VerifyConsistency(m, n, path, Tree.Root(m), Tree.Root(n)), () => $"{from} to {to} claimed as {m} to {n}");
                }

                Tamper.Refused(MerkleVerifier.VerifyConsistency(0, to, path, Tree.Root(0), Tree.Root(to)), () => $"{from} to {to} claimed from the empty tree");
            }
        }
    }

    [Fact]
    public void VerifyConsistency_refuses_a_proof_one_element_short_or_long()
    {
        var extra = Tree.LeafHash(2 * MaxSize - 1);
        for (var to = 1; to <= MaxSize; to++)
        {
            for (var from = 1; from <= to; from++)
            {
                var (path, fromRoot, toRoot) = Proof(from, to);

                for (var at = 0; at < path.Count; at++)
                {
                    Tamper.Refused(MerkleVerifier.VerifyConsistency(from, to, Tamper.Without(path, at), fromRoot, toRoot), () => $"element {at} dropped, {from} to {to}");
                }

                for (var at = 0; at <= path.Count; at++)
                {
                    Tamper.Refused(MerkleVerifier.VerifyConsistency(from, to, Tamper.With(path, at, extra), fromRoot, toRoot), () => $"hash inserted at {at}, {from} to {to}");
                    Tamper.Refused(MerkleVerifier.VerifyConsistency(from, to, Tamper.With(path, at, fromRoot), fromRoot, toRoot), () => $"old root inserted at {at}, {from} to {to}");
                }
            }
        }
    }

    [Fact]
    public void VerifyConsistency_refuses_a_past_rewritten_after_the_old_tree_head()
    {
        var forgeries = new Dictionary<int, ReferenceTree>();
        for (var to = 2; to <= MaxSize; to += 7)
        {
            for (var from = 1; from < to; from++)
            {
                var oldRoot = Tree.Root(from);
                foreach (var rewritten in new[] { 0, from / 2, from - 1 }.Distinct())
                {
                    if (!forgeries.TryGetValue(rewritten, out var forged))
                    {
                        forged = Tree.Rewritten(rewritten);
                        forgeries[rewritten] = forged;
                    }

                    var proof = MerkleProofs.Consistency(from, to, forged.AtSize(to));

                    Assert.True(MerkleVerifier.VerifyConsistency(from, to, proof.Path, proof.FromRoot, proof.ToRoot));
                    Tamper.Refused(MerkleVerifier.VerifyConsistency(from, to, proof.Path, oldRoot, proof.ToRoot), () => $"event {rewritten} rewritten, {from} to {to}");
                }
            }
        }
    }

    [Fact]
    public void VerifyConsistency_refuses_swapped_roots_and_hashes_of_the_wrong_length_without_throwing()
    {
        var (path, fromRoot, toRoot) = Proof(6, 11);

        Assert.True(MerkleVerifier.VerifyConsistency(6, 11, path, fromRoot, toRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(6, 11, path, toRoot, fromRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(6, 11, path, fromRoot.AsSpan(0, 31), toRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(6, 11, path, fromRoot, [.. toRoot, 0]));
        Assert.False(MerkleVerifier.VerifyConsistency(6, 11, [.. path.SkipLast(1), path[^1][..16]], fromRoot, toRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(6, 11, [.. path.SkipLast(1), null!], fromRoot, toRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(6, 11, [], fromRoot, toRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(11, 6, path, fromRoot, toRoot));
    }

    [Fact]
    public void Consistency_throws_unless_0_lt_from_le_to()
    {
        var tree = new ReferenceTree(8);

        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Consistency(0, 8, tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Consistency(5, 4, tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Consistency(-1, 4, tree));
        Assert.Equal(0, tree.Reads);
    }

    [Fact]
    public void Consistency_reads_the_source_once_per_proof()
    {
        var tree = new ReferenceTree(37);

        MerkleProofs.Consistency(13, 37, tree);

        Assert.Equal(1, tree.Reads);
    }

    private static (IReadOnlyList<byte[]> Path, byte[] FromRoot, byte[] ToRoot) Proof(int from, int to)
    {
        var proof = MerkleProofs.Consistency(from, to, Tree.AtSize(to));
        return (proof.Path, proof.FromRoot, proof.ToRoot);
    }
}
