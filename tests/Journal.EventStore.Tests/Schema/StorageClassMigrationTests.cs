using Journal.Domain.Tape;
using Journal.EventStore.Schema;
using Journal.EventStore.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Tests.Schema;

/// <summary>
/// Migration 4 makes a row in the wrong storage class impossible on new tapes (insert triggers), and refuses
/// to upgrade a file that already holds one, naming the row.
/// </summary>
public sealed class StorageClassMigrationTests : IAsyncLifetime
{
    private static readonly string[] RowValues =
        ["100", "randomblob(16)", "'other'", "1", "event_type", "recorded_at", "metadata", "payload", "payload_digest", "prev_hash", "hash"];

    private static readonly string CopyOfRow1 = CopyOfRow1With(-1, null);

    private readonly StoreFixture _fixture = new();

    public async Task InitializeAsync()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(6), EventMetadata.Empty, default);
        await _fixture.CloseAsync(store);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData(1, "CAST(randomblob(16) AS TEXT)")]
    [InlineData(2, "CAST('other' AS BLOB)")]
    [InlineData(3, "CAST(1 AS BLOB)")]
    [InlineData(4, "CAST(event_type AS BLOB)")]
    [InlineData(5, "CAST(recorded_at AS BLOB)")]
    [InlineData(5, "1767323045000.5")]
    [InlineData(6, "CAST(metadata AS TEXT)")]
    [InlineData(7, "CAST(payload AS TEXT)")]
    [InlineData(8, "CAST(payload_digest AS TEXT)")]
    [InlineData(9, "CAST(prev_hash AS TEXT)")]
    [InlineData(10, "CAST(hash AS TEXT)")]
    public void Insert_is_refused_when_a_column_is_stored_in_another_class(int column, string value)
    {
        var error = Assert.Throws<SqliteException>(() => _fixture.Execute("PRAGMA ignore_check_constraints = ON; " + CopyOfRow1With(column, value)));

        Assert.Contains("storage class", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_is_allowed_when_every_column_is_in_its_class()
    {
        _fixture.Execute(CopyOfRow1);

        using var connection = _fixture.RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM journal_events";
        Assert.Equal(7L, command.ExecuteScalar());
    }

    [Theory]
    [InlineData("stream_id = CAST(stream_id AS BLOB)")]
    [InlineData("event_type = CAST(event_type AS BLOB)")]
    [InlineData("event_id = CAST(event_id AS TEXT)")]
    [InlineData("metadata = CAST(metadata AS TEXT)")]
    [InlineData("payload = CAST(payload AS TEXT)")]
    [InlineData("stream_version = CAST(stream_version AS BLOB)")]
    [InlineData("payload = NULL, stream_id = CAST(stream_id AS BLOB)")]
    public void Update_is_refused_when_it_changes_only_the_storage_class_of_the_same_bytes(string assignment)
    {
        var error = Assert.Throws<SqliteException>(() => _fixture.Execute($"PRAGMA ignore_check_constraints = ON; UPDATE journal_events SET {assignment} WHERE seq = 2;"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_refuses_to_upgrade_a_file_holding_a_row_in_the_wrong_storage_class_and_names_its_seq()
    {
        // The same file as schema version 3 would have it, with seq 5's stream_id re-stored as a BLOB.
        using (var connection = _fixture.RawConnection())
        {
            Forger.DropTriggers(connection);
            Forger.Execute(connection, "DELETE FROM schema_migrations WHERE version >= 4; DROP TABLE journal_counts; DROP TABLE journal_type_counts; UPDATE journal_events SET stream_id = CAST(stream_id AS BLOB) WHERE seq = 5;");
        }

        var error = Assert.Throws<SchemaException>(() => _fixture.Open());

        Assert.Equal("schema.precondition_failed", error.Code);
        Assert.Contains("schema version 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("the row at seq 5 stores stream_id as BLOB, the tape requires TEXT", error.Message, StringComparison.Ordinal);
        using var check = _fixture.RawConnection();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT (SELECT max(version) FROM schema_migrations), (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal_events')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(3L, reader.GetInt64(0));
        Assert.Equal(0L, reader.GetInt64(1));
    }

    [Fact]
    public async Task Open_upgrades_a_version_3_file_whose_rows_are_all_in_their_class()
    {
        using (var connection = _fixture.RawConnection())
        {
            Forger.DropTriggers(connection);
            Forger.Execute(connection, "DELETE FROM schema_migrations WHERE version >= 4; DROP TABLE journal_counts; DROP TABLE journal_type_counts; DROP TABLE journal_open_types; DROP TABLE journal_open_streams;");
        }

        var store = _fixture.Open();
        var report = await store.VerifyAsync();

        Assert.Equal(MigrationSet.Tape().LatestVersion, store.File.SchemaVersion);
        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Throws<SqliteException>(() => _fixture.Execute("PRAGMA ignore_check_constraints = ON; " + CopyOfRow1With(2, "CAST('other' AS BLOB)")));
    }

    private static string CopyOfRow1With(int column, string? value) =>
        "INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash) SELECT "
        + string.Join(", ", RowValues.Select((v, i) => i == column ? value : v))
        + " FROM journal_events WHERE seq = 1;";
}
