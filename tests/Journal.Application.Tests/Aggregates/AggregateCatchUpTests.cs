using Journal.Domain.Commands;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Tests.Support;
using Journal.Application.Aggregates;

namespace Journal.Application.Tests.Aggregates;

/// <summary>
/// The aggregate store remembers each stream's folded state and reads only what is new: on the writer's
/// own connection when it is idle, on a lent read connection when it is busy. Either way a cached state
/// must never hide an event another writer (another store on the same file) appended.
/// </summary>
public sealed class AggregateCatchUpTests : IAsyncLifetime
{
    private static readonly StreamId Stream = StreamId.Parse("counter-1");
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private AggregateStore _aggregates = null!;

    public Task InitializeAsync()
    {
        _store = _fixture.Open();
        _aggregates = new AggregateStore(_store, _fixture.Clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task A_cached_state_catches_up_with_events_another_store_appended()
    {
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);
        var first = await LoadAsync();

        var other = _fixture.Open();
        await other.AppendAsync(Stream, ExpectedVersion.Exact(3), Events.Many(2, "other"), EventMetadata.Empty, default);
        var second = await LoadAsync();

        Assert.Equal(["e1", "e2", "e3"], first.State);
        Assert.Equal(3, first.Version);
        Assert.Equal(["e1", "e2", "e3", "other1", "other2"], second.State);
        Assert.Equal(5, second.Version);
        Assert.Equal(5, second.Position);
    }

    [Fact]
    public async Task A_state_longer_than_one_page_is_folded_from_every_page()
    {
        for (var i = 0; i < 3; i++)
        {
            await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(300, $"b{i}-"), EventMetadata.Empty, default);
        }

        var loaded = await LoadAsync();

        Assert.Equal(900, loaded.Version);
        Assert.Equal(900, loaded.State.Count);
        Assert.Equal("b2-300", loaded.State[^1]);
    }

    [Fact]
    public async Task A_load_while_the_writer_is_held_reads_on_a_lent_connection_and_the_held_appends_still_commit()
    {
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);
        Loaded<IReadOnlyList<string>> loaded;
        Task<AppendResult> queued;
        using (await _store.HoldWriterAsync(default))
        {
            queued = _store.AppendAsync(Stream, ExpectedVersion.Exact(2), [Events.Happened("queued")], EventMetadata.Empty, default);
            loaded = await LoadAsync();
            Assert.False(queued.IsCompleted);
        }

        var appended = await queued;
        var after = await LoadAsync();

        Assert.Equal(["e1", "e2"], loaded.State);
        Assert.Equal(3, appended.StreamVersion);
        Assert.Equal(["e1", "e2", "queued"], after.State);
    }

    [Fact]
    public async Task Loads_racing_appends_never_strand_an_append_queued_while_a_load_held_the_writer()
    {
        // Many loads racing many appends: whichever holds the writer when an append is queued, every
        // append completes and the stream ends where the appends say.
        var appends = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            _store.AppendAsync(StreamId.Parse($"race-{i}"), ExpectedVersion.NoStream, [Events.Happened($"r{i}")], EventMetadata.Empty, default)));
        var loads = Enumerable.Range(0, 50).Select(_ => Task.Run(LoadAsync));

        await Task.WhenAll(Task.WhenAll(appends), Task.WhenAll(loads));
        var head = await _store.ReadHeadAsync(default);

        Assert.Equal(50, head.Seq);
    }

    private Task<Loaded<IReadOnlyList<string>>> LoadAsync() =>
        _aggregates.LoadAsync<IReadOnlyList<string>, Happened>(Stream, [], (state, e) => [.. state, e.Text], default);
}
