using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

public sealed class TapeInspectionTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task StorageBytes_and_LogBytes_are_the_sizes_of_the_tape_file_and_its_wal_when_on_disk()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.NoStream, Events.Many(20), EventMetadata.Empty, default);
        ITapeInspection inspection = store;

        var storage = inspection.StorageBytes;
        var log = inspection.LogBytes;

        Assert.True(storage > 0);
        Assert.True(log > 0);
        Assert.Equal(new FileInfo(_fixture.DatabasePath).Length, storage);
        Assert.Equal(new FileInfo(_fixture.DatabasePath + "-wal").Length, log);
    }

    [Fact]
    public async Task StorageBytes_and_LogBytes_are_zero_when_the_tape_is_in_memory()
    {
        var store = _fixture.Open(o => o with { InMemory = true });
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.NoStream, Events.Many(20), EventMetadata.Empty, default);
        ITapeInspection inspection = store;

        Assert.True(inspection.IsInMemory);
        Assert.Equal(0, inspection.StorageBytes);
        Assert.Equal(0, inspection.LogBytes);
    }
}
