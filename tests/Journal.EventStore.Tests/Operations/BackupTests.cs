using System.Collections.Concurrent;
using Journal.Domain.Tape;
using Journal.EventStore.Backup;
using Journal.EventStore.Inspection;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Operations;

public sealed class BackupTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task BackupAsync_under_concurrent_writes_restores_to_a_verifying_chain_with_every_acknowledged_event_up_to_its_head()
    {
        var store = _fixture.Open();
        var acknowledged = new ConcurrentDictionary<long, Guid>();
        var enoughBefore = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backupDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var enoughAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var afterBackup = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !enoughAfter.Task.IsCompleted; i++)
            {
                var data = Events.Happened($"w{w}-{i}", i);
                var result = await store.AppendAsync(StreamId.Parse($"writer-{w}"), ExpectedVersion.Any, [data], EventMetadata.Empty, default);
                acknowledged[result.Position] = data.EventId;
                if (acknowledged.Count >= 200)
                {
                    enoughBefore.TrySetResult();
                }

                if (backupDone.Task.IsCompleted && Interlocked.Increment(ref afterBackup) >= 100)
                {
                    enoughAfter.TrySetResult();
                }
            }
        })).ToArray();

        await enoughBefore.Task;
        var backup = await store.BackupAsync(Path.Combine(_fixture.DirectoryPath, "backups", "journal.backup.db"), default);
        backupDone.SetResult();
        await Task.WhenAll(writers);
        var finalHead = (await store.ReadHeadAsync(default)).Seq;

        var restoredPath = Path.Combine(_fixture.DirectoryPath, "restored", "journal.db");
        var restore = await TapeRestore.RestoreAsync(backup.Path, restoredPath, 5000, default);

        Assert.True(backup.HeadSeq >= 200, $"backup head {backup.HeadSeq}");
        Assert.True(finalHead > backup.HeadSeq, "writes went on after the backup");
        Assert.True(restore.Restored);
        Assert.True(restore.Tape!.IsIntact);
        Assert.Equal(backup.HeadSeq, restore.Tape.HeadSeq);
        Assert.Equal(backup.HeadHash, restore.Tape.HeadHash);
        using var restored = TapeInspector.Open(restoredPath);
        var inRestored = new Dictionary<long, Guid>();
        await foreach (var recorded in restored.ReadAllAsync(1, default))
        {
            inRestored[recorded.Seq] = recorded.EventId;
        }

        foreach (var (seq, id) in acknowledged.Where(a => a.Key <= backup.HeadSeq))
        {
            Assert.Equal(id, inRestored[seq]);
        }

        Assert.Equal(backup.HeadSeq, inRestored.Count);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(restoredPath));
        }
    }

    [Fact]
    public async Task RestoreAsync_refuses_a_broken_backup_and_leaves_the_tape_as_it_was()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(5), EventMetadata.Empty, default);
        var backupPath = Path.Combine(_fixture.DirectoryPath, "journal.backup.db");
        await store.BackupAsync(backupPath, default);
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);
        var headBefore = await store.ReadHeadAsync(default);
        await _fixture.CloseAsync(store);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backupPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER journal_events_only_erasure; UPDATE journal_events SET event_type = 'test.other.v1' WHERE seq = 3;";
            command.ExecuteNonQuery();
        }

        var result = await TapeRestore.RestoreAsync(backupPath, _fixture.DatabasePath, 5000, default);

        Assert.False(result.Restored);
        Assert.Equal(3, result.Backup.FirstMismatch!.Seq);
        using var tape = TapeInspector.Open(_fixture.DatabasePath);
        var head = await tape.ReadHeadAsync(default);
        Assert.Equal(headBefore.Seq, head.Seq);
        Assert.Equal(7, head.Seq);
        Assert.True((await tape.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task RestoreAsync_replaces_a_longer_tape_in_place_and_the_store_opens_it_at_the_backups_head()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(4), EventMetadata.Empty, default);
        var backup = await store.BackupAsync(Path.Combine(_fixture.DirectoryPath, "journal.backup.db"), default);
        await store.AppendAsync(StreamId.Parse("s-2"), ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);
        await _fixture.CloseAsync(store);

        var result = await TapeRestore.RestoreAsync(backup.Path, _fixture.DatabasePath, 5000, default);
        var reopened = _fixture.Open();
        var appended = await reopened.AppendAsync(StreamId.Parse("s-3"), ExpectedVersion.NoStream, Events.Many(1), EventMetadata.Empty, default);

        Assert.True(result.Restored);
        Assert.Equal(4, result.Tape!.HeadSeq);
        Assert.Equal(5, appended.Position);
        Assert.True((await reopened.VerifyAsync()).IsIntact);
        Assert.Equal(0, await reopened.ReadStreamVersionAsync(StreamId.Parse("s-2"), default));
    }
}
