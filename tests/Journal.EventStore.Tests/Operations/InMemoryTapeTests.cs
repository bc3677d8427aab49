using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Operations;

public sealed class InMemoryTapeTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();

    private string SnapshotPath => Path.Combine(_fixture.DirectoryPath, "data", "journal.snapshot.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Open_in_memory_reloads_the_last_snapshot_and_loses_only_what_came_after_it()
    {
        var store = _fixture.Open(Memory);
        var kept = Events.Happened("kept");
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.NoStream, [kept, Events.Happened("also kept")], EventMetadata.Empty, default);
        var snapshot = await store.BackupAsync(SnapshotPath, default);
        await store.AppendAsync(StreamId.Parse("s-2"), ExpectedVersion.NoStream, [Events.Happened("after the snapshot")], EventMetadata.Empty, default);
        var journalId = store.File.JournalId;
        await _fixture.CloseAsync(store);

        var reopened = _fixture.Open(Memory);
        var head = await reopened.ReadHeadAsync(default);
        var next = await reopened.AppendAsync(StreamId.Parse("s-3"), ExpectedVersion.NoStream, [Events.Happened("new")], EventMetadata.Empty, default);

        Assert.Equal(2, snapshot.HeadSeq);
        Assert.Equal(2, head.Seq);
        Assert.Equal(snapshot.HeadHash, Convert.ToHexStringLower(head.Hash.Span));
        Assert.Equal(journalId, reopened.File.JournalId);
        Assert.NotNull(await reopened.FindEventAsync(kept.EventId, default));
        Assert.Equal(3, next.Position);
        Assert.True((await reopened.VerifyAsync()).IsIntact);
        Assert.False(File.Exists(_fixture.DatabasePath));
        Assert.True(reopened.File.Connections.IsInMemory);
    }

    [Fact]
    public async Task Open_in_memory_keeps_two_stores_apart_and_starts_empty_without_a_snapshot()
    {
        var first = _fixture.Open(o => o with { InMemory = true });
        var second = _fixture.Open(o => o with { InMemory = true });
        await first.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.NoStream, Events.Many(3), EventMetadata.Empty, default);

        Assert.Equal(3, (await first.ReadHeadAsync(default)).Seq);
        Assert.Equal(0, (await second.ReadHeadAsync(default)).Seq);
        Assert.NotEqual(first.File.JournalId, second.File.JournalId);
    }

    [Fact]
    public async Task Open_in_memory_refuses_a_broken_snapshot()
    {
        var store = _fixture.Open(Memory);
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.NoStream, Events.Many(3), EventMetadata.Empty, default);
        await store.BackupAsync(SnapshotPath, default);
        await _fixture.CloseAsync(store);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={SnapshotPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER journal_events_only_erasure; UPDATE journal_events SET stream_id = 'forged' WHERE seq = 2;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<Storage.StorageException>(() => _fixture.Open(Memory));

        Assert.Contains("broken at seq 2", error.Message, StringComparison.Ordinal);
    }

    private JournalStoreOptions Memory(JournalStoreOptions options) => options with { InMemory = true, SnapshotPath = SnapshotPath };
}
