using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

public sealed class MultiStreamAppendTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private static readonly StreamId A = StreamId.Parse("a-1");
    private static readonly StreamId B = StreamId.Parse("b-1");

    public Task InitializeAsync()
    {
        _store = _fixture.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task AppendAsync_commits_every_stream_of_a_multi_stream_append_together()
    {
        var results = await _store.AppendAsync(
            [new StreamAppend(A, ExpectedVersion.NoStream, Events.Many(2)), new StreamAppend(B, ExpectedVersion.NoStream, Events.Many(1))],
            EventMetadata.Empty,
            default);

        Assert.Equal(2, results[0].StreamVersion);
        Assert.Equal(1, results[1].StreamVersion);
        Assert.Equal(3, results[1].Position);
    }

    [Fact]
    public async Task AppendAsync_writes_no_stream_when_one_expectation_of_a_multi_stream_append_fails()
    {
        await _store.AppendAsync(B, ExpectedVersion.Any, Events.Many(1), EventMetadata.Empty, default);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.AppendAsync(
            [new StreamAppend(A, ExpectedVersion.NoStream, Events.Many(2)), new StreamAppend(B, ExpectedVersion.NoStream, Events.Many(1))],
            EventMetadata.Empty,
            default));

        Assert.Equal("b-1", error.Stream);
        Assert.Equal(0, await _store.ReadStreamVersionAsync(A, default));
        Assert.Equal(1, (await _store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task AppendAsync_refuses_a_stream_named_twice_in_one_append()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _store.AppendAsync(
            [new StreamAppend(A, ExpectedVersion.Any, Events.Many(1)), new StreamAppend(A, ExpectedVersion.Any, Events.Many(1))],
            EventMetadata.Empty,
            default));

        Assert.Equal("stream", error.Field);
    }
}
