using Journal.EventStore.Postgres;
using Npgsql;

using Journal.Testing.Postgres;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>The PostgreSQL tape schema: the database itself keeps the tape append-only.</summary>
public sealed class PostgresSchemaTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Schema_refuses_deleting_an_event()
    {
        await using var db = await TapeWithOneEventAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "DELETE FROM journal_events WHERE seq = 1"));
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(1L, await CountAsync(db));
    }

    [Fact]
    public async Task Schema_refuses_truncating_the_tape()
    {
        await using var db = await TapeWithOneEventAsync();
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "TRUNCATE journal_events"));
        Assert.Equal(1L, await CountAsync(db));
    }

    [Theory]
    [InlineData("UPDATE journal_events SET stream_id = 'other' WHERE seq = 1")]
    [InlineData("UPDATE journal_events SET payload = '\\x01'::bytea WHERE seq = 1")]
    [InlineData("UPDATE journal_events SET payload = NULL, hash = decode(repeat('ab', 32), 'hex') WHERE seq = 1")]
    [InlineData("UPDATE journal_events SET recorded_at = recorded_at + 1 WHERE seq = 1")]
    public async Task Schema_refuses_any_update_but_a_payload_erasure(string update)
    {
        await using var db = await TapeWithOneEventAsync();
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, update));
        Assert.Equal(1L, await ScalarAsync(db, "SELECT count(*) FROM journal_events WHERE payload IS NOT NULL AND stream_id = 's-1'"));
    }

    [Fact]
    public async Task Schema_allows_erasing_a_payload_and_nothing_else_after_it()
    {
        await using var db = await TapeWithOneEventAsync();
        await ExecuteAsync(db, "UPDATE journal_events SET payload = NULL WHERE seq = 1");
        Assert.Equal(1L, await ScalarAsync(db, "SELECT count(*) FROM journal_events WHERE payload IS NULL"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "UPDATE journal_events SET payload = NULL WHERE seq = 1"));
    }

    [Fact]
    public async Task Schema_refuses_a_second_event_at_a_stream_version_and_a_malformed_event_id()
    {
        await using var db = await TapeWithOneEventAsync();
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(db, seq: 2, version: 1, eventIdLength: 16));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        var malformed = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(db, seq: 2, version: 2, eventIdLength: 15));
        Assert.Equal(PostgresErrorCodes.CheckViolation, malformed.SqlState);
    }

    [Fact]
    public async Task Schema_keeps_journal_info_write_once()
    {
        await using var db = await TapeWithOneEventAsync();
        await ExecuteAsync(db, "INSERT INTO journal_info (key, value) VALUES ('journal_id', 'a')");
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "UPDATE journal_info SET value = 'b'"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "DELETE FROM journal_info"));
        Assert.Equal(1L, await ScalarAsync(db, "SELECT count(*) FROM journal_info WHERE value = 'a'"));
    }

    private async Task<NpgsqlConnection> TapeWithOneEventAsync()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("tape_" + Guid.NewGuid().ToString("N"));
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await PostgresMigrator.MigrateAsync(connection, PostgresMigrator.Tape, TimeProvider.System, default);
        await InsertAsync(connection, seq: 1, version: 1, eventIdLength: 16);
        return connection;
    }

    private static async Task InsertAsync(NpgsqlConnection db, long seq, long version, int eventIdLength)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash) " +
            "VALUES ($1, $2, 's-1', $3, 'test.happened.v1', 0, '\\x80'::bytea, '\\x80'::bytea, $4, $4, $4)",
            db);
        insert.Parameters.AddWithValue(seq);
        insert.Parameters.AddWithValue(Guid.NewGuid().ToByteArray()[..eventIdLength]);
        insert.Parameters.AddWithValue(version);
        insert.Parameters.AddWithValue(new byte[32]);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection db) => await ScalarAsync(db, "SELECT count(*) FROM journal_events");

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
