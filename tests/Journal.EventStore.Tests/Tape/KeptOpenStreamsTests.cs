using Journal.Domain.Tape;
using Journal.EventStore.Sql;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

/// <summary>
/// The open streams the SQLite writer keeps (journal_open_streams, for the opening and closing types registered in
/// journal_open_types): start-up recovery reads them in time proportional to the open work, not the tape.
/// </summary>
public sealed class KeptOpenStreamsTests : IAsyncDisposable
{
    private static readonly string[] Opening = ["test.noted.v1"];
    private static readonly string[] Closing = ["test.happened.v1"];

    private readonly StoreFixture _fixture = new();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task FindOpenStreams_answers_from_the_kept_set_without_reading_the_tape()
    {
        var store = _fixture.Open();
        Assert.Empty(store.FindOpenStreams("op", Opening, Closing));
        await store.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);

        // A row only the kept set holds: the tape has no stream op-planted.
        _fixture.Execute("INSERT INTO journal_open_streams (category, stream_id) VALUES ('op', 'op-planted')");

        Assert.Equal(["op-1", "op-planted"], store.FindOpenStreams("op", Opening, Closing).Select(s => s.Value));
    }

    [Fact]
    public void SelectKeptOpenStreams_plan_seeks_the_kept_set_by_its_key_and_never_touches_the_tape()
    {
        _ = _fixture.Open();
        using var connection = _fixture.RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + TapeSql.SelectKeptOpenStreams;
        command.Parameters.AddWithValue("$category", "run");
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        var step = Assert.Single(plan);
        Assert.StartsWith("SEARCH journal_open_streams USING PRIMARY KEY (category=?)", step, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindOpenStreams_on_a_migrated_version_5_tape_fills_the_set_from_its_rows_then_keeps_it()
    {
        var old = _fixture.Open();
        await old.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        await old.AppendAsync(StreamId.Parse("op-2"), ExpectedVersion.NoStream, [Events.Noted("open"), Events.Happened("close")], EventMetadata.Empty, default);
        await old.AppendAsync(StreamId.Parse("op-3"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        await _fixture.CloseAsync(old);

        // The file as schema version 5 had it: no open-stream tables, migration 6 not recorded.
        _fixture.Execute("DROP TABLE journal_open_streams; DROP TABLE journal_open_types; DELETE FROM schema_migrations WHERE version = 6;");

        var store = _fixture.Open();
        var filled = store.FindOpenStreams("op", Opening, Closing).Select(s => s.Value).ToList();
        await store.AppendAsync(StreamId.Parse("op-3"), ExpectedVersion.Exact(1), [Events.Happened("close")], EventMetadata.Empty, default);
        await store.AppendAsync(StreamId.Parse("op-4"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);

        Assert.Equal(Journal.EventStore.Schema.MigrationSet.Tape().LatestVersion, ((Ports.ITapeInspection)store).SchemaVersion);
        Assert.Equal(["op-1", "op-3"], filled);
        Assert.Equal(["op-1", "op-4"], store.FindOpenStreams("op", Opening, Closing).Select(s => s.Value));
    }

    [Fact]
    public async Task FindOpenStreams_refills_the_set_when_a_category_is_asked_with_other_types()
    {
        var store = _fixture.Open();
        Assert.Empty(store.FindOpenStreams("op", Opening, Closing));
        await store.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("n"), Events.Happened("h")], EventMetadata.Empty, default);

        // Types swapped: op-1's last marker is now an opening one.
        Assert.Empty(store.FindOpenStreams("op", Opening, Closing));
        Assert.Equal(["op-1"], store.FindOpenStreams("op", Closing, Opening).Select(s => s.Value));
    }

    [Fact]
    public async Task Writer_honours_a_registration_made_on_another_connection_after_skipping_the_open_set()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        var moves = store.OpenSetMoves;

        // Registered by another client of the file, as another process would: the writer learns of it at its next group.
        _fixture.Execute("INSERT INTO journal_open_types (event_type, category, opens) VALUES ('test.noted.v1', 'op', 1), ('test.happened.v1', 'op', 0); "
            + "INSERT INTO journal_open_streams (category, stream_id) VALUES ('op', 'op-1');");
        await store.AppendAsync(StreamId.Parse("op-2"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        await store.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.Exact(1), [Events.Happened("close")], EventMetadata.Empty, default);

        Assert.Equal(moves + 2, store.OpenSetMoves);
        Assert.Equal(["op-2"], store.FindOpenStreams("op", Opening, Closing).Select(s => s.Value));
    }
}
