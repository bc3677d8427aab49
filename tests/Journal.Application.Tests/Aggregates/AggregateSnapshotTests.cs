using Journal.Application.Aggregates;
using Journal.Application.Aggregates.Snapshots;
using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Journal.Application.Tests.Aggregates;

/// <summary>
/// Snapshots make the first load of a long stream after a start cost a snapshot interval, not the stream:
/// a new store (a restarted process) over an existing tape and snapshot file must read only the events
/// after the newest snapshot, and must fold from the tape whenever a snapshot cannot be trusted (another
/// format, corrupt bytes, folded before an erasure), and two stores on one tape must still decide on the
/// latest state.
/// </summary>
public sealed class AggregateSnapshotTests : IAsyncLifetime
{
    private const int Every = 10;
    private static readonly StreamId CounterA = CounterDecider.StreamFor("a");
    private readonly StoreFixture _fixture = new(registry: CounterDecider.Registry);
    private readonly List<AggregateSnapshots> _snapshots = [];
    private SqliteEventStore _tape = null!;

    private string SnapshotPath => Path.Combine(_fixture.DirectoryPath, "data", "snapshots.db");

    public Task InitializeAsync()
    {
        _tape = _fixture.Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var snapshots in _snapshots)
        {
            snapshots.Dispose();
        }

        SqliteConnection.ClearAllPools();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task LoadAsync_after_a_restart_reads_only_the_events_after_the_newest_snapshot()
    {
        await Increments(25, Started());
        var tape = new CountingAggregateTape(_tape);

        var loaded = await Started(tape).LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default);

        Assert.Equal(new CounterState(25), loaded.State);
        Assert.Equal(25, loaded.Version);
        Assert.Equal(25, loaded.Position);
        Assert.Equal(5, tape.EventsRead);
    }

    [Fact]
    public async Task ExecuteAsync_first_command_after_a_restart_folds_from_the_snapshot_and_appends_on_the_latest_version()
    {
        await Increments(23, Started());
        var tape = new CountingAggregateTape(_tape);

        var result = await Run(Started(tape), new Increment("a"));

        Assert.Equal(24, result.StreamVersion);
        Assert.Equal(3, tape.EventsRead);
        Assert.Equal(24, (await Started().LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default)).State.Value);
    }

    [Fact]
    public async Task LoadAsync_with_a_long_fold_keeps_a_snapshot_for_the_next_start()
    {
        await Increments(25, new AggregateStore(_tape, _fixture.Clock));
        await Started().LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default);
        var tape = new CountingAggregateTape(_tape);

        var loaded = await Started(tape).LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default);

        Assert.Equal(25, loaded.State.Value);
        Assert.Equal(0, tape.EventsRead);
    }

    [Fact]
    public async Task ExecuteAsync_no_op_reads_the_version_of_a_stream_it_did_not_load_by_one_head_seek()
    {
        await Increments(30, new AggregateStore(_tape, _fixture.Clock));
        var tape = new CountingAggregateTape(_tape);
        var store = new AggregateStore(tape, _fixture.Clock);

        var result = await store.ExecuteAsync(new CounterRequest("nothing"), CounterA, (_, _) => Task.FromResult<IReadOnlyList<AggregateChange>>([]), default);

        Assert.Equal(30, result.StreamVersion);
        Assert.Equal(30, result.Position);
        Assert.Equal(0, tape.EventsRead);
        Assert.Equal(1, tape.HeadReads);
    }

    [Fact]
    public async Task LoadAsync_ignores_a_snapshot_of_another_format_and_folds_the_stream_from_the_tape()
    {
        await Increments(25, Started());
        Execute("UPDATE aggregate_snapshots SET format = 'another-format'");
        var tape = new CountingAggregateTape(_tape);

        var loaded = await Started(tape).LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default);

        Assert.Equal(25, loaded.State.Value);
        Assert.Equal(25, tape.EventsRead);
    }

    [Fact]
    public async Task LoadAsync_ignores_a_snapshot_written_under_another_format_even_when_its_bytes_decode()
    {
        await Increments(25, Started());
        var foreign = new AggregateSnapshots(new AggregateSnapshotOptions { DatabasePath = Path.Combine(_fixture.DirectoryPath, "foreign.db"), Every = Every });
        _snapshots.Add(foreign);
        foreign.Save(CounterA, new CounterState(999), 25, 25, 0);
        Execute("UPDATE aggregate_snapshots SET format = 'v0-of-counter', version = 25, position = 25, state = (SELECT state FROM other.aggregate_snapshots)", attach: true);

        var loaded = await Started().LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default);

        Assert.Equal(25, loaded.State.Value);
    }

    [Fact]
    public async Task LoadAsync_ignores_a_corrupt_snapshot_folds_the_stream_from_the_tape_and_drops_it()
    {
        await Increments(25, Started());
        Execute("UPDATE aggregate_snapshots SET state = x'c1c1c1'");
        var tape = new CountingAggregateTape(_tape);

        var loaded = await Started(tape).LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default);

        Assert.Equal(25, loaded.State.Value);
        Assert.Equal(25, tape.EventsRead);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM aggregate_snapshots WHERE state = x'c1c1c1'"));
    }

    [Fact]
    public async Task ExecuteAsync_succeeds_when_the_snapshot_file_cannot_be_written()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.DirectoryPath, "data"));
        await File.WriteAllTextAsync(SnapshotPath, "this is not a database, and not writable as one");
        var store = Started();

        await Increments(25, store);

        Assert.Equal(25, (await Started().LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default)).State.Value);
    }

    [Fact]
    public async Task Erasing_an_event_of_a_stream_keeps_its_erased_payload_from_coming_back_through_a_snapshot()
    {
        var store = Started();
        for (var i = 1; i <= 25; i++)
        {
            await Run(store, new SetTo("a", i == 3 ? 777_777 : i));
        }

        var before = await Started().LoadAsync<TallyState, CounterSet>(CounterA, TallyState.Empty, TallyState.Evolve, default);
        Assert.Contains(777_777, before.State.Values);
        Assert.NotEqual(0L, Scalar("SELECT count(*) FROM aggregate_snapshots"));

        await _tape.ErasePayloadsAsync([3], "test.erasure", EventMetadata.Empty, default);
        var after = await Started().LoadAsync<TallyState, CounterSet>(CounterA, TallyState.Empty, TallyState.Evolve, default);

        Assert.DoesNotContain(777_777, after.State.Values);
        Assert.Equal(24, after.State.Values.Count);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM aggregate_snapshots WHERE erasures = 0"));
    }

    [Fact]
    public async Task Two_stores_with_snapshots_on_one_tape_still_decide_on_the_latest_state()
    {
        var first = Started();
        var second = new AggregateStore(_fixture.Open(), _fixture.Clock, snapshots: Snapshots());

        for (var i = 1; i <= 30; i++)
        {
            var result = await Run(i % 3 == 0 ? second : first, new IncrementFrom("a", i - 1));
            Assert.Equal(i, result.StreamVersion);
        }

        var loaded = await Started().LoadAsync(CounterA, CounterDecider.Value.Initial, CounterDecider.Value.Evolve, default);
        Assert.Equal(30, loaded.State.Value);
        Assert.Equal(30L, Scalar("SELECT version FROM aggregate_snapshots"));
    }

    private AggregateStore Started(Journal.EventStore.Ports.IAggregateTape? tape = null) =>
        new(tape ?? _tape, _fixture.Clock, snapshots: Snapshots());

    private AggregateSnapshots Snapshots()
    {
        var snapshots = new AggregateSnapshots(new AggregateSnapshotOptions { DatabasePath = SnapshotPath, Every = Every });
        _snapshots.Add(snapshots);
        return snapshots;
    }

    private async Task Increments(int count, AggregateStore store)
    {
        for (var i = 0; i < count; i++)
        {
            await Run(store, new Increment("a"));
        }
    }

    private static Task<CommandResult> Run(AggregateStore store, CounterCommand command) =>
        store.ExecuteAsync(new CounterRequest(command.ToString()), CounterDecider.Value, command, default);

    private void Execute(string sql, bool attach = false)
    {
        using var connection = new SqliteConnection($"Data Source={SnapshotPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = attach ? $"ATTACH DATABASE $foreign AS other; {sql}" : sql;
        command.Parameters.AddWithValue("$foreign", Path.Combine(_fixture.DirectoryPath, "foreign.db"));
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={SnapshotPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A state that keeps every value it saw: what a snapshot of it holds would show an erased payload.</summary>
    public sealed record TallyState(IReadOnlyList<int> Values)
    {
        public static TallyState Empty { get; } = new([]);

        public static TallyState Evolve(TallyState state, CounterSet @event) => new([.. state.Values, @event.Value]);
    }
}
