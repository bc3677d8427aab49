using Journal.EventStore.Merkle;
using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Ports;
using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>The tree kept in the PostgreSQL tape's database, built by every instance at once.</summary>
public sealed class StoredTreePostgresTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Two_instances_building_the_same_tree_agree()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("m" + Guid.NewGuid().ToString("N"));
        await using var a = PostgresTapes.Open(cs);
        await using var b = PostgresTapes.Open(cs);
        var options = new JournalStoreOptions { Provider = TapeProvider.Postgres, ConnectionString = cs };
        var small = new TreeBuilderOptions { BatchLeaves = 64 };
        var treeA = (TapeTree)TapeTrees.Open(a, options, builder: small);
        var treeB = (TapeTree)TapeTrees.Open(b, options, builder: small);
        await using (treeA)
        await using (treeB)
        {
            await Task.WhenAll(StoredTreeLeaves.AppendAsync(a, 500, perCommit: 20, prefix: "a"), StoredTreeLeaves.AppendAsync(b, 500, perCommit: 20, prefix: "b"));
            var leaves = await StoredTreeLeaves.ReadAsync(a);
            Assert.Equal(1000, leaves.Count);

            for (long size = 1; size <= 1000; size += 37)
            {
                var expected = MerkleProofs.Root(size, leaves);
                Assert.Equal(expected, (await treeA.HeadAsync(size, default)).Root);
                Assert.Equal(expected, (await treeB.HeadAsync(size, default)).Root);
            }

            for (long seq = 1; seq <= 1000; seq += 41)
            {
                var fromA = await treeA.InclusionAsync(seq, 1000, default);
                var fromB = await treeB.InclusionAsync(seq, 1000, default);
                Assert.Equal(fromA.Path, fromB.Path);
                Assert.True(MerkleVerifier.VerifyInclusion(seq - 1, 1000, leaves.LeafHash(seq - 1), fromB.Path, MerkleProofs.Root(1000, leaves)));
            }

            var consistency = await treeB.ConsistencyAsync(333, 1000, default);
            Assert.True(MerkleVerifier.VerifyConsistency(333, 1000, consistency.Path, MerkleProofs.Root(333, leaves), MerkleProofs.Root(1000, leaves)));
            Assert.Equal(0, treeA.BuildFailures + treeB.BuildFailures);
        }

        // One row per complete subtree of 16 leaves and more, however many instances wrote it.
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), max(built_size) FROM journal_merkle_nodes, journal_merkle_state", connection);
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Enumerable.Range(4, 6).Sum(level => 1000 >> level), reader.GetInt64(0));
        Assert.Equal(992, reader.GetInt64(1));
    }

    [Fact]
    public async Task A_later_instance_on_the_built_tree_agrees_and_refuses_beyond_the_head()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("m" + Guid.NewGuid().ToString("N"));
        var options = new JournalStoreOptions { Provider = TapeProvider.Postgres, ConnectionString = cs };
        await using var a = PostgresTapes.Open(cs);
        await StoredTreeLeaves.AppendAsync(a, 300);
        await using (var first = (TapeTree)TapeTrees.Open(a, options))
        {
            await first.HeadAsync(300, default);
        }

        await using var b = PostgresTapes.Open(cs);
        await using var second = (TapeTree)TapeTrees.Open(b, options);
        var leaves = await StoredTreeLeaves.ReadAsync(b);

        Assert.Equal(MerkleProofs.Root(300, leaves), (await second.HeadAsync(300, default)).Root);
        Assert.Equal(288, second.BuiltSize);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => second.HeadAsync(301, default));
    }
}
