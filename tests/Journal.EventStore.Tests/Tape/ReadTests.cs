using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

public sealed class ReadTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private static readonly StreamId Stream = StreamId.Parse("doc-1");

    public Task InitializeAsync()
    {
        _store = _fixture.Open(o => o with { ReadBatchSize = 7 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task ReadStreamAsync_pages_forward_from_a_version()
    {
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(10), EventMetadata.Empty, default);
        await _store.AppendAsync(StreamId.Parse("noise-1"), ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);

        var page1 = await _store.ReadStreamAsync(Stream, 3, ReadDirection.Forward, 4, default);
        var page2 = await _store.ReadStreamAsync(Stream, page1.NextVersion!.Value, ReadDirection.Forward, 4, default);
        var page3 = await _store.ReadStreamAsync(Stream, 11, ReadDirection.Forward, 4, default);

        Assert.Equal([3L, 4, 5, 6], page1.Events.Select(e => e.StreamVersion));
        Assert.Equal([7L, 8, 9, 10], page2.Events.Select(e => e.StreamVersion));
        Assert.Null(page2.NextVersion);
        Assert.Empty(page3.Events);
        Assert.Equal(10, page1.StreamVersion);
    }

    [Fact]
    public async Task ReadStreamAsync_pages_backward_from_the_end()
    {
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(5), EventMetadata.Empty, default);

        var page1 = await _store.ReadStreamAsync(Stream, long.MaxValue, ReadDirection.Backward, 3, default);
        var page2 = await _store.ReadStreamAsync(Stream, page1.NextVersion!.Value, ReadDirection.Backward, 3, default);

        Assert.Equal([5L, 4, 3], page1.Events.Select(e => e.StreamVersion));
        Assert.Equal([2L, 1], page2.Events.Select(e => e.StreamVersion));
        Assert.Null(page2.NextVersion);
    }

    [Fact]
    public async Task ReadStreamAsync_returns_an_empty_slice_at_version_0_for_a_missing_stream()
    {
        var slice = await _store.ReadStreamAsync(StreamId.Parse("missing-1"), 1, ReadDirection.Forward, 10, default);

        Assert.Empty(slice.Events);
        Assert.Equal(0, slice.StreamVersion);
    }

    [Fact]
    public async Task ReadAllAsync_reads_the_whole_tape_in_order_across_batches()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.AppendAsync(StreamId.Parse($"s-{i}"), ExpectedVersion.Any, Events.Many(5), EventMetadata.Empty, default);
        }

        var all = new List<RecordedEvent>();
        await foreach (var recorded in _store.ReadAllAsync(1, default))
        {
            all.Add(recorded);
        }

        var fromTwelve = new List<long>();
        await foreach (var recorded in _store.ReadAllAsync(12, default))
        {
            fromTwelve.Add(recorded.Seq);
        }

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), all.Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(12, 14).Select(i => (long)i), fromTwelve);
        Assert.All(all.Skip(1).Zip(all), pair => Assert.True(pair.First.PrevHash.Span.SequenceEqual(pair.Second.Hash.Span)));
    }

    [Fact]
    public async Task ReadHeadAsync_returns_the_last_position_and_hash()
    {
        var empty = await _store.ReadHeadAsync(default);
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);

        var head = await _store.ReadHeadAsync(default);
        var last = (await _store.ReadStreamAsync(Stream, 3, ReadDirection.Forward, 1, default)).Events.Single();

        Assert.Equal(0, empty.Seq);
        Assert.True(empty.Hash.Span.SequenceEqual(new byte[32]));
        Assert.Equal(3, head.Seq);
        Assert.True(head.Hash.Span.SequenceEqual(last.Hash.Span));
    }

    [Fact]
    public async Task FindEventAsync_finds_an_event_by_id_and_returns_null_for_an_unknown_id()
    {
        var data = Events.Noted("hello");
        await _store.AppendAsync(Stream, ExpectedVersion.Any, [Events.Happened("x"), data], EventMetadata.Empty, default);

        var found = await _store.FindEventAsync(data.EventId, default);
        var missing = await _store.FindEventAsync(Guid.NewGuid(), default);

        Assert.NotNull(found);
        Assert.Equal(2, found.Seq);
        Assert.Equal("test.noted.v1", found.EventType);
        Assert.Equal("hello", Assert.IsType<Noted>(_store.Serializer.Decode(found.EventType, found.Payload!.Value)).Note);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Store_reads_back_every_event_after_it_is_disposed_and_reopened()
    {
        var written = Events.Many(20);
        await _store.AppendAsync(Stream, ExpectedVersion.NoStream, written, new EventMetadata(Actor: "a"), default);
        var headBefore = await _store.ReadHeadAsync(default);

        _store = await _fixture.ReopenAsync(_store);
        var slice = await _store.ReadStreamAsync(Stream, 1, ReadDirection.Forward, 100, default);
        var headAfter = await _store.ReadHeadAsync(default);

        Assert.Equal(written.Select(w => w.EventId), slice.Events.Select(e => e.EventId));
        Assert.Equal(written.Select(w => ((Happened)w.Payload).Text), slice.Events.Select(e => ((Happened)_store.Serializer.Decode(e.EventType, e.Payload!.Value)!).Text));
        Assert.True(headBefore.Hash.Span.SequenceEqual(headAfter.Hash.Span));
        var next = await _store.AppendAsync(Stream, ExpectedVersion.Exact(20), Events.Many(1), EventMetadata.Empty, default);
        Assert.Equal(21, next.Position);
        Assert.True((await _store.VerifyAsync()).IsIntact);
    }
}
