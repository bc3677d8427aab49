using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.EventStore.Postgres;
using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>
/// The open streams the PostgreSQL writers keep in their commit batch (journal_open_streams): read by start-up
/// recovery instead of a scan, and filled from the rows of a tape made before them.
/// </summary>
public sealed class PostgresKeptOpenStreamsTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    private static readonly string[] Opening = ["test.noted.v1"];
    private static readonly string[] Closing = ["test.happened.v1"];

    [Fact]
    public async Task FindOpenStreams_answers_from_the_kept_set_without_reading_the_tape()
    {
        var cs = await CreateAsync();
        await using var store = PostgresTapes.Open(cs);
        Assert.Empty(store.FindOpenStreams("op", Opening, Closing));
        await store.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);

        // A row only the kept set holds: the tape has no stream op-planted.
        await ExecuteAsync(cs, "INSERT INTO journal_open_streams (category, stream_id) VALUES ('op', 'op-planted')");

        Assert.Equal(["op-1", "op-planted"], store.FindOpenStreams("op", Opening, Closing).Select(s => s.Value));
    }

    [Fact]
    public async Task FindOpenStreams_on_a_migrated_version_2_tape_fills_the_set_from_its_rows_then_keeps_it()
    {
        var cs = await CreateAsync();
        await using (var old = PostgresTapes.Open(cs))
        {
            await old.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
            await old.AppendAsync(StreamId.Parse("op-2"), ExpectedVersion.NoStream, [Events.Noted("open"), Events.Happened("close")], EventMetadata.Empty, default);
            await old.AppendAsync(StreamId.Parse("op-3"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        }

        // The same database as schema version 2 had it: no open-stream tables, migration 3 not recorded.
        await ExecuteAsync(cs, "DROP TABLE journal_open_streams; DROP TABLE journal_open_types; DELETE FROM schema_migrations WHERE version = 3");

        await using var store = PostgresTapes.Open(cs);
        var filled = store.FindOpenStreams("op", Opening, Closing).Select(s => s.Value).ToList();
        await store.AppendAsync(StreamId.Parse("op-3"), ExpectedVersion.Exact(1), [Events.Happened("close")], EventMetadata.Empty, default);
        await store.AppendAsync(StreamId.Parse("op-4"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);

        Assert.Equal(PostgresMigrator.Tape.LatestVersion, ((ITapeInspection)store).SchemaVersion);
        Assert.Equal(["op-1", "op-3"], filled);
        Assert.Equal(["op-1", "op-4"], store.FindOpenStreams("op", Opening, Closing).Select(s => s.Value));
    }

    [Fact]
    public async Task Writer_honours_a_registration_made_by_another_instance_after_skipping_the_open_set()
    {
        var cs = await CreateAsync();
        await using var writer = PostgresTapes.Open(cs);
        await using var other = PostgresTapes.Open(cs);
        await writer.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        await writer.AppendAsync(StreamId.Parse("op-2"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        var moves = writer.OpenSetMoves;

        Assert.Equal(["op-1", "op-2"], other.FindOpenStreams("op", Opening, Closing).Select(s => s.Value));
        await writer.AppendAsync(StreamId.Parse("op-3"), ExpectedVersion.NoStream, [Events.Noted("open")], EventMetadata.Empty, default);
        await writer.AppendAsync(StreamId.Parse("op-1"), ExpectedVersion.Exact(1), [Events.Happened("close")], EventMetadata.Empty, default);

        Assert.Equal(moves + 2, writer.OpenSetMoves);
        Assert.Equal(["op-2", "op-3"], other.FindOpenStreams("op", Opening, Closing).Select(s => s.Value));
    }

    private Task<string> CreateAsync() => fixture.Server.CreateDatabaseAsync("o" + Guid.NewGuid().ToString("N"));

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
