using Journal.Api.Hosting;
using Journal.Api.Operations;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journal.Api.Tests.Operations;

public sealed class SnapshotJobTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-snapshot-tests", Guid.NewGuid().ToString("N"));
    private SqliteEventStore _store = null!;
    private JournalSettings _settings = null!;

    public Task InitializeAsync()
    {
        _settings = new JournalSettings { Persist = false, SnapshotPath = Path.Combine(_directory, "data", "journal.snapshot.db"), SnapshotIntervalMs = 86_400_000 };
        _store = SqliteEventStore.Open(_settings.ToStoreOptions(), new EventTypeRegistry([]), TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task SnapshotAsync_writes_only_when_the_tape_moved()
    {
        using var job = NewJob(new OperationsStatus());
        await AppendAsync();

        var first = await job.SnapshotAsync(default);
        var unchanged = await job.SnapshotAsync(default);
        await AppendAsync();
        var moved = await job.SnapshotAsync(default);

        Assert.True(first.Ok);
        Assert.Equal(1, first.Result!.HeadSeq);
        Assert.Same(first, unchanged);
        Assert.Equal(2, moved.Result!.HeadSeq);
        using var snapshot = EventStore.Inspection.TapeInspector.Open(_settings.SnapshotPath);
        Assert.Equal(2, (await snapshot.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task Stopping_the_job_writes_a_last_snapshot_and_starting_it_removes_a_killed_writers_leftovers()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_settings.SnapshotPath)!);
        var leftover = _settings.SnapshotPath + ".tmp-0123456789abcdef";
        await File.WriteAllTextAsync(leftover, "half a snapshot");
        var status = new OperationsStatus();
        using var job = NewJob(status);
        await AppendAsync();

        await job.StartAsync(default);
        await job.StopAsync(default);

        Assert.False(File.Exists(leftover));
        Assert.True(status.Snapshot!.Ok);
        Assert.Equal(1, status.Snapshot.Result!.HeadSeq);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_settings.SnapshotPath));
    }

    private SnapshotJob NewJob(OperationsStatus status) =>
        new(_store, _store, _settings, status, new OperationsMetrics(), TimeProvider.System, NullLogger<SnapshotJob>.Instance);

    private Task<AppendResult> AppendAsync() =>
        _store.AppendAsync(StreamId.Parse($"s-{Guid.NewGuid():N}"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = "hi" })], EventMetadata.Empty, default);
}
