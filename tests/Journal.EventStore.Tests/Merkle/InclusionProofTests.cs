using Journal.EventStore.Merkle;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>Inclusion proofs built by <see cref="MerkleProofs"/> from complete subtrees, against the RFC's own PATH.</summary>
public sealed class InclusionProofTests
{
    private const int MaxSize = 300;
    private static readonly ReferenceTree Tree = new(2 * MaxSize);

    [Fact]
    public void Inclusion_builds_the_rfc_path_and_root_and_it_verifies_for_every_index_of_every_size_up_to_300()
    {
        for (var size = 1; size <= MaxSize; size++)
        {
            var root = Tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var proof = MerkleProofs.Inclusion(index, size, Tree.AtSize(size));

                Assert.Equal(index, proof.LeafIndex);
                Assert.Equal(size, proof.TreeSize);
                Assert.Equal(root, proof.Root);
                Assert.Equal(Tree.Path(index, size), proof.Path);
                Assert.True(
                    MerkleVerifier.VerifyInclusion(index, size, Tree.LeafHash(index), proof.Path, proof.Root),
                    $"the proof of leaf {index} in a tree of {size} leaves was refused");
                Assert.Equal(root, MerkleVerifier.RootFromPath(index, size, Tree.LeafHash(index), proof.Path));
            }
        }
    }

    [Fact]
    public void Inclusion_reads_the_source_once_per_proof()
    {
        var tree = new ReferenceTree(37);

        MerkleProofs.Inclusion(20, 37, tree);
        MerkleProofs.Root(37, tree);

        Assert.Equal(2, tree.Reads);
    }

    [Fact]
    public void VerifyInclusion_refuses_a_flipped_bit_in_any_path_element_in_the_leaf_or_in_the_root()
    {
        for (var size = 1; size <= MaxSize; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var (leaf, path, root) = Proof(index, size);
                var bit = (index * 31) + size;

                for (var at = 0; at < path.Count; at++)
                {
                    Tamper.Refused(MerkleVerifier.VerifyInclusion(index, size, leaf, Tamper.FlipIn(path, at, bit + at), root), () => $"element {at} flipped, leaf {index} of {size}");
                }

                Tamper.Refused(MerkleVerifier.VerifyInclusion(index, size, Tamper.Flip(leaf, bit), path, root), () => $"leaf flipped, leaf {index} of {size}");
                Tamper.Refused(MerkleVerifier.VerifyInclusion(index, size, leaf, path, Tamper.Flip(root, bit)), () => $"root flipped, leaf {index} of {size}");
            }
        }
    }

    [Fact]
    public void VerifyInclusion_refuses_a_flipped_bit_at_every_bit_position()
    {
        var (leaf, path, root) = Proof(173, 300);

        for (var bit = 0; bit < 256; bit++)
        {
            Assert.False(MerkleVerifier.VerifyInclusion(173, 300, Tamper.Flip(leaf, bit), path, root));
            Assert.False(MerkleVerifier.VerifyInclusion(173, 300, leaf, path, Tamper.Flip(root, bit)));
            for (var at = 0; at < path.Count; at++)
            {
                Assert.False(MerkleVerifier.VerifyInclusion(173, 300, leaf, Tamper.FlipIn(path, at, bit), root));
            }
        }
    }

    [Fact]
    public void VerifyInclusion_refuses_a_wrong_index()
    {
        for (var size = 1; size <= MaxSize; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var (leaf, path, root) = Proof(index, size);
                long[] wrong = [index - 1, index + 1, index ^ 1, size - 1 - index, size, -1, long.MaxValue];

                foreach (var other in wrong.Where(w => w != index))
                {
                    Tamper.Refused(MerkleVerifier.VerifyInclusion(other, size, leaf, path, root), () => $"leaf {index} of {size} claimed as {other}");
                }
            }
        }
    }

    [Fact]
    public void VerifyInclusion_refuses_a_wrong_size_with_that_sizes_root()
    {
        for (var size = 1; size <= MaxSize; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var (leaf, path, _) = Proof(index, size);
                int[] wrong = [size - 1, size + 1, size * 2, size / 2];

                foreach (var other in wrong.Where(w => w != size && w > index))
                {
                    Tamper.Refused(MerkleVerifier.VerifyInclusion(index, other, leaf, path, Tree.Root(other)), () => $"leaf {index} of {size} claimed in size {other}");
                }

                Tamper.Refused(MerkleVerifier.VerifyInclusion(index, index, leaf, path, Tree.Root(size)), () => $"leaf {index} of {size} claimed in a tree without it");
                Tamper.Refused(MerkleVerifier.VerifyInclusion(index, 0, leaf, path, Tree.Root(size)), () => $"leaf {index} of {size} claimed in the empty tree");
            }
        }
    }

    [Fact]
    public void VerifyInclusion_refuses_a_path_one_element_short_or_long()
    {
        var extra = Tree.LeafHash(2 * MaxSize - 1);
        for (var size = 1; size <= MaxSize; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var (leaf, path, root) = Proof(index, size);

                for (var at = 0; at < path.Count; at++)
                {
                    Tamper.Refused(MerkleVerifier.VerifyInclusion(index, size, leaf, Tamper.Without(path, at), root), () => $"element {at} dropped, leaf {index} of {size}");
                }

                for (var at = 0; at <= path.Count; at++)
                {
                    Tamper.Refused(MerkleVerifier.VerifyInclusion(index, size, leaf, Tamper.With(path, at, extra), root), () => $"hash inserted at {at}, leaf {index} of {size}");
                }
            }
        }
    }

    [Fact]
    public void VerifyInclusion_refuses_hashes_of_the_wrong_length_without_throwing()
    {
        var (leaf, path, root) = Proof(5, 10);

        Assert.True(MerkleVerifier.VerifyInclusion(5, 10, leaf, path, root));
        Assert.False(MerkleVerifier.VerifyInclusion(5, 10, leaf.AsSpan(0, 31), path, root));
        Assert.False(MerkleVerifier.VerifyInclusion(5, 10, leaf, path, [.. root, 0]));
        Assert.False(MerkleVerifier.VerifyInclusion(5, 10, leaf, [.. path.SkipLast(1), path[^1][..16]], root));
        Assert.False(MerkleVerifier.VerifyInclusion(5, 10, leaf, [.. path.SkipLast(1), null!], root));
        Assert.False(MerkleVerifier.VerifyInclusion(5, 10, [], path, root));
    }

    [Fact]
    public void RootFromPath_is_null_when_the_path_does_not_fit_the_index_and_size()
    {
        var (leaf, path, root) = Proof(6, 7);

        Assert.Equal(root, MerkleVerifier.RootFromPath(6, 7, leaf, path));
        Assert.Null(MerkleVerifier.RootFromPath(6, 7, leaf, path.Skip(1).ToArray()));
        Assert.Null(MerkleVerifier.RootFromPath(6, 7, leaf, [.. path, leaf]));
    }

    [Fact]
    public void RootFromPath_is_null_for_an_index_outside_the_tree_or_a_hash_of_the_wrong_length()
    {
        var (leaf, path, _) = Proof(1, 2);

        Assert.Null(MerkleVerifier.RootFromPath(-1, 2, leaf, path));
        Assert.Null(MerkleVerifier.RootFromPath(2, 2, leaf, path));
        Assert.Null(MerkleVerifier.RootFromPath(1, 2, leaf.AsSpan(1), path));
        Assert.Null(MerkleVerifier.RootFromPath(1, 2, leaf, [new byte[33]]));
        Assert.NotNull(MerkleVerifier.RootFromPath(1, 2, leaf, path));
    }

    [Fact]
    public void A_path_binds_the_size_only_through_the_root_so_size_and_root_come_from_one_tree_head()
    {
        // Leaf 0 climbs the same left edge in trees of 5 and of 6 leaves: the same path leads to the same root, and
        // only the root of the claimed size (which differs) tells them apart.
        var (leaf, path, root) = Proof(0, 5);

        Assert.Equal(Tree.Path(0, 5).Count, Tree.Path(0, 6).Count);
        Assert.True(MerkleVerifier.VerifyInclusion(0, 6, leaf, path, root));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 6, leaf, path, Tree.Root(6)));
    }

    [Fact]
    public void Inclusion_throws_for_an_index_outside_the_tree()
    {
        var tree = new ReferenceTree(8);

        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Inclusion(8, 8, tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Inclusion(-1, 8, tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Inclusion(0, 0, tree));
        Assert.Equal(0, tree.Reads);
    }

    private static (byte[] Leaf, IReadOnlyList<byte[]> Path, byte[] Root) Proof(int index, int size)
    {
        var proof = MerkleProofs.Inclusion(index, size, Tree.AtSize(size));
        return (Tree.LeafHash(index), proof.Path, proof.Root);
    }
}
