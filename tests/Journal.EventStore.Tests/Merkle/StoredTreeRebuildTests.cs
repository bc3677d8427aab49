using Journal.Domain.Tape;
using Journal.EventStore.Merkle;
using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Ports;
using Journal.EventStore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>The side file's life: made at open, rebuilt when missing or untrustworthy, untouched by erasure; questions beyond the head refused.</summary>
public sealed class StoredTreeRebuildTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private readonly List<IAsyncDisposable> _trees = [];

    private string SideFile => Path.Combine(Path.GetDirectoryName(_fixture.DatabasePath)!, "merkle.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var tree in _trees)
        {
            await tree.DisposeAsync();
        }

        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task A_deleted_side_file_is_rebuilt_with_equal_roots()
    {
        var store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 1000);
        var tree = Open(store);
        var before = await HeadsAsync(tree, 1000);
        await CloseAsync(tree);
        await _fixture.CloseAsync(store);

        foreach (var file in new[] { SideFile, SideFile + "-wal", SideFile + "-shm" })
        {
            File.Delete(file);
        }

        store = _fixture.Open();
        tree = Open(store);
        var after = await HeadsAsync(tree, 1000);

        Assert.True(File.Exists(SideFile));
        Assert.Equal(before, after);
        Assert.Equal(MerkleProofs.Root(1000, await StoredTreeLeaves.ReadAsync(store)), after[^1]);
    }

    [Fact]
    public async Task A_tape_replaced_by_another_journal_gets_its_own_tree()
    {
        var store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 1000, prefix: "first");
        var tree = Open(store);
        await tree.HeadAsync(1000, default);
        await CloseAsync(tree);
        await _fixture.CloseAsync(store);

        // Another journal's tape, longer than the first, takes the file's place (the side file stays).
        await using (var other = new StoreFixture())
        {
            var replacement = other.Open();
            await StoredTreeLeaves.AppendAsync(replacement, 1200, prefix: "second");
            await other.CloseAsync(replacement);
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_fixture.DatabasePath + suffix);
                if (File.Exists(other.DatabasePath + suffix))
                {
                    File.Copy(other.DatabasePath + suffix, _fixture.DatabasePath + suffix);
                }
            }
        }

        store = _fixture.Open();
        tree = Open(store);
        var leaves = await StoredTreeLeaves.ReadAsync(store);

        Assert.Equal(1200, leaves.Count);
        Assert.Equal(MerkleProofs.Root(1000, leaves), (await tree.HeadAsync(1000, default)).Root);
        Assert.Equal(MerkleProofs.Root(1200, leaves), (await tree.HeadAsync(1200, default)).Root);
        var proof = await tree.InclusionAsync(5, 1200, default);
        Assert.True(MerkleVerifier.VerifyInclusion(4, 1200, leaves.LeafHash(4), proof.Path, proof.Root));
    }

    [Fact]
    public async Task A_tape_rewritten_behind_the_tree_is_rebuilt()
    {
        var store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 500, prefix: "kept");
        var backup = Path.Combine(_fixture.DirectoryPath, "backup.db");
        await store.BackupAsync(backup, default);
        await StoredTreeLeaves.AppendAsync(store, 500, prefix: "lost");
        var tree = Open(store);
        var old = await tree.HeadAsync(1000, default);
        await CloseAsync(tree);
        await _fixture.CloseAsync(store);

        // The same journal restored from the backup, then other events written past it: seq 992 has another hash.
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_fixture.DatabasePath + suffix);
        }

        File.Copy(backup, _fixture.DatabasePath);
        store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 500, prefix: "rewritten");
        tree = Open(store);
        var leaves = await StoredTreeLeaves.ReadAsync(store);
        var head = await tree.HeadAsync(1000, default);

        Assert.NotEqual(old.Root, head.Root);
        Assert.Equal(MerkleProofs.Root(1000, leaves), head.Root);
        var consistency = await tree.ConsistencyAsync(500, 1000, default);
        Assert.True(MerkleVerifier.VerifyConsistency(500, 1000, consistency.Path, MerkleProofs.Root(500, leaves), head.Root));
        Assert.False(MerkleVerifier.VerifyConsistency(500, 1000, consistency.Path, MerkleProofs.Root(500, leaves), old.Root));
    }

    [Fact]
    public async Task Erasing_payloads_changes_no_proof()
    {
        var store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 300);
        var tree = Open(store);
        var before = await ProofsAsync(tree);

        var erased = await store.ErasePayloadsAsync([1, 17, 64, 150, 299], "forget", EventMetadata.Empty, default);
        var after = await ProofsAsync(tree);

        Assert.Equal(5, erased.Erased.Count);
        Assert.Equal(before, after);
        var erasedEvent = store.ReadPage(17, 1).Single();
        Assert.True(erasedEvent.IsErased);
    }

    [Fact]
    public async Task A_size_beyond_the_head_or_a_seq_outside_the_tree_is_refused_and_loses_nothing()
    {
        var store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 100);
        var tree = Open(store);

        var head = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.HeadAsync(101, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.HeadAsync(-1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.InclusionAsync(1, 101, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.InclusionAsync(0, 100, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.InclusionAsync(51, 50, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ConsistencyAsync(1, 101, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ConsistencyAsync(0, 100, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tree.ConsistencyAsync(60, 50, default));

        Assert.Contains("beyond the tape's head (100 events)", head.Message, StringComparison.Ordinal);
        Assert.Equal(MerkleProofs.Root(100, await StoredTreeLeaves.ReadAsync(store)), (await tree.HeadAsync(100, default)).Root);
        Assert.Equal(100, (await store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task A_wait_for_a_size_the_builder_has_not_reached_is_cancellable()
    {
        var store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 64);
        var tree = Open(store);
        using var cancel = new CancellationTokenSource();
        var builder = new TreeBuilder(new NeverBuilt(), new NoTape(64), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var waiting = builder.WaitForAsync(64, cancel.Token);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(64, (await tree.HeadAsync(64, default)).Size);
        await builder.DisposeAsync();
    }

    [Fact]
    public async Task The_side_file_is_owner_only()
    {
        var store = _fixture.Open();
        await StoredTreeLeaves.AppendAsync(store, 32);
        var tree = Open(store);
        await tree.HeadAsync(32, default);

        Assert.True(File.Exists(SideFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SideFile));
        }
    }

    [Fact]
    public async Task An_in_memory_tape_keeps_its_tree_in_memory()
    {
        var store = _fixture.Open(o => o with { InMemory = true });
        await StoredTreeLeaves.AppendAsync(store, 100);
        var tree = Open(store);
        var leaves = await StoredTreeLeaves.ReadAsync(store);

        var proof = await tree.InclusionAsync(42, 100, default);

        Assert.Equal(MerkleProofs.Root(100, leaves), proof.Root);
        Assert.True(MerkleVerifier.VerifyInclusion(41, 100, leaves.LeafHash(41), proof.Path, proof.Root));
        Assert.Equal(96, tree.BuiltSize);
        Assert.False(File.Exists(SideFile));
    }

    [Fact]
    public async Task A_tree_turned_off_builds_nothing_and_says_so()
    {
        var store = _fixture.Open(o => o with { MerkleTree = false });
        await StoredTreeLeaves.AppendAsync(store, 32);
        var tree = TapeTrees.Open(store);

        var error = await Assert.ThrowsAsync<MerkleTreeOffException>(() => tree.HeadAsync(16, default));
        await Assert.ThrowsAsync<MerkleTreeOffException>(() => tree.InclusionAsync(1, 16, default));
        await Assert.ThrowsAsync<MerkleTreeOffException>(() => tree.ConsistencyAsync(1, 16, default));

        Assert.Contains("JournalStoreOptions.MerkleTree", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, tree.BuiltSize);
        Assert.False(File.Exists(SideFile));
    }

    [Fact]
    public async Task AddJournalTape_registers_the_tree_and_disposes_it_with_the_container()
    {
        var options = new JournalStoreOptions { DatabasePath = _fixture.DatabasePath };
        var services = new ServiceCollection().AddJournalTape(options, typeof(Happened).Assembly);
        var provider = services.BuildServiceProvider();
        await using (provider)
        {
            var store = provider.GetRequiredService<IEventStore>();
            await StoredTreeLeaves.AppendAsync(store, 48);
            var tree = provider.GetRequiredService<ITapeTree>();

            Assert.Same(tree, provider.GetRequiredService<ITapeTree>());
            Assert.Equal(MerkleProofs.Root(48, await StoredTreeLeaves.ReadAsync(store)), (await tree.HeadAsync(48, default)).Root);
        }

        // Disposed with the container: the files can be opened again by a new store and tree.
        var reopened = _fixture.Open();
        var again = Open(reopened);
        Assert.Equal(48, (await again.HeadAsync(48, default)).Size);
    }

    private ITapeTree Open(SqliteEventStore store)
    {
        var tree = TapeTrees.Open(store);
        _trees.Add((IAsyncDisposable)tree);
        return tree;
    }

    private async Task CloseAsync(ITapeTree tree)
    {
        _trees.Remove((IAsyncDisposable)tree);
        await ((IAsyncDisposable)tree).DisposeAsync();
    }

    private static async Task<List<byte[]>> HeadsAsync(ITapeTree tree, int size)
    {
        var roots = new List<byte[]>();
        for (var n = 1; n <= size; n++)
        {
            roots.Add((await tree.HeadAsync(n, default)).Root);
        }

        return roots;
    }

    private static async Task<List<string>> ProofsAsync(ITapeTree tree)
    {
        var proofs = new List<string>();
        for (long seq = 1; seq <= 300; seq += 7)
        {
            var proof = await tree.InclusionAsync(seq, 300, default);
            proofs.Add(Convert.ToHexString(proof.Root) + ":" + string.Join(',', proof.Path.Select(Convert.ToHexString)));
        }

        for (long from = 1; from <= 300; from += 13)
        {
            var proof = await tree.ConsistencyAsync(from, 300, default);
            proofs.Add(string.Join(',', proof.Path.Select(Convert.ToHexString)));
        }

        return proofs;
    }

    /// <summary>A store that never holds anything, for a builder whose tape never reaches what is asked.</summary>
    private sealed class NeverBuilt : ITreeNodeStore
    {
        public Task<TreeState?> ReadStateAsync(CancellationToken ct) => Task.FromResult<TreeState?>(null);

        public Task ResetAsync(CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyDictionary<(int Level, long Index), byte[]>> ReadNodesAsync(IReadOnlyCollection<(int Level, long Index)> keys, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<(int Level, long Index), byte[]>>(new Dictionary<(int, long), byte[]>());

        public Task WriteAsync(IReadOnlyList<TreeNode> nodes, TreeState state, CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A tape whose head is <paramref name="head"/> but whose rows never arrive.</summary>
    private sealed class NoTape(long head) : ITapeHashSource
    {
        public Guid JournalId { get; } = Guid.NewGuid();

        public Task<long> ReadHeadAsync(CancellationToken ct) => Task.FromResult(head);

        public Task<int> ReadHashesAsync(long fromSeq, int count, byte[] destination, CancellationToken ct) => Task.FromResult(0);
    }
}
