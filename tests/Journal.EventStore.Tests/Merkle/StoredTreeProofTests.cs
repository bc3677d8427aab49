using Journal.EventStore.Merkle;
using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Ports;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>The stored tree of a real 1,000-event SQLite tape against the tree of its leaves kept in memory.</summary>
public sealed class StoredTreeProofTests : IAsyncLifetime
{
    private const int Events = 1000;
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private TapeTree _tree = null!;
    private StoredTreeLeaves _leaves = null!;

    public async Task InitializeAsync()
    {
        _store = _fixture.Open();
        _tree = (TapeTree)TapeTrees.Open(_store);
        await StoredTreeLeaves.AppendAsync(_store, Events, perCommit: 37);
        _leaves = await StoredTreeLeaves.ReadAsync(_store);
    }

    public async Task DisposeAsync()
    {
        await _tree.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task InclusionAsync_for_every_seq_at_every_tree_size_verifies_and_matches_the_leaves()
    {
        Assert.Equal(Events, _leaves.Count);
        var proofs = 0L;
        for (long size = 1; size <= Events; size++)
        {
            var root = MerkleProofs.Root(size, _leaves);
            for (long seq = 1; seq <= size; seq++)
            {
                var proof = await _tree.InclusionAsync(seq, size, default);

                // Compared as spans: xunit's collection comparer would make 500,500 proofs take minutes.
                Assert.True(root.AsSpan().SequenceEqual(proof.Root), $"root of seq {seq} in {size}");
                Assert.True(MerkleVerifier.VerifyInclusion(seq - 1, size, _leaves.LeafHash(seq - 1), proof.Path, root), $"seq {seq} in {size}");
                Assert.True(SamePath(MerkleProofs.Inclusion(seq - 1, size, _leaves).Path, proof.Path), $"path of seq {seq} in {size}");
                proofs++;
            }
        }

        Assert.Equal(Events * (Events + 1L) / 2, proofs);
    }

    [Fact]
    public async Task HeadAsync_at_every_size_is_the_root_of_the_leaves()
    {
        Assert.Equal(MerkleHash.EmptyRoot(), (await _tree.HeadAsync(0, default)).Root);
        for (long size = 1; size <= Events; size++)
        {
            var head = await _tree.HeadAsync(size, default);

            Assert.Equal(size, head.Size);
            Assert.Equal(MerkleProofs.Root(size, _leaves), head.Root);
        }

        Assert.Equal(StoredLevels.Floor(Events), _tree.BuiltSize);
    }

    [Fact]
    public async Task ConsistencyAsync_between_many_sizes_verifies_and_matches_the_leaves()
    {
        long[] tos = [1, 2, 3, 15, 16, 17, 31, 32, 33, 64, 100, 255, 256, 257, 511, 512, 513, 777, 999, Events];
        var pairs = 0;
        foreach (var to in tos)
        {
            var toRoot = MerkleProofs.Root(to, _leaves);
            for (long from = 1; from <= to; from++)
            {
                var proof = await _tree.ConsistencyAsync(from, to, default);
                var fromRoot = MerkleProofs.Root(from, _leaves);

                Assert.Equal(fromRoot, proof.FromRoot);
                Assert.Equal(toRoot, proof.ToRoot);
                Assert.True(MerkleVerifier.VerifyConsistency(from, to, proof.Path, fromRoot, toRoot), $"{from} -> {to}");
                Assert.Equal(MerkleProofs.Consistency(from, to, _leaves).Path, proof.Path);
                pairs++;
            }
        }

        Assert.Equal(tos.Sum(), pairs);
    }

    private static bool SamePath(IReadOnlyList<byte[]> expected, IReadOnlyList<byte[]> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    [Fact]
    public async Task A_proof_from_a_wrong_leaf_or_a_tampered_path_is_refused()
    {
        var proof = await _tree.InclusionAsync(500, Events, default);
        var tampered = proof.Path.Select(h => (byte[])h.Clone()).ToArray();
        tampered[3][7] ^= 1;

        Assert.True(MerkleVerifier.VerifyInclusion(499, Events, _leaves.LeafHash(499), proof.Path, proof.Root));
        Assert.False(MerkleVerifier.VerifyInclusion(499, Events, _leaves.LeafHash(500), proof.Path, proof.Root));
        Assert.False(MerkleVerifier.VerifyInclusion(499, Events, _leaves.LeafHash(499), tampered, proof.Root));
    }

    [Fact]
    public async Task The_builder_follows_new_commits()
    {
        await StoredTreeLeaves.AppendAsync(_store, 40, perCommit: 40, prefix: "late");
        var leaves = await StoredTreeLeaves.ReadAsync(_store);

        var head = await _tree.HeadAsync(Events + 40, default);

        Assert.Equal(MerkleProofs.Root(Events + 40, leaves), head.Root);
        Assert.Equal(StoredLevels.Floor(Events + 40), _tree.BuiltSize);
        Assert.Equal(0, _tree.BuildFailures);
    }
}
