using Journal.EventStore.Postgres;
using Journal.EventStore.Reading;
using Journal.EventStore.Schema;
using Journal.EventStore.Storage;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>
/// The same rows on a fresh PostgreSQL database and a fresh SQLite tape file (its own temp directory), so that a
/// PostgreSQL reader or verifier can be held to what the SQLite one answers.
/// </summary>
internal sealed class TwinTapes : IAsyncDisposable
{
    /// <summary>Sets the kept counts (journal_counts, journal_type_counts) to what the rows hold; SQLite also records that they count every row.</summary>
    private const string RecountSql =
        "UPDATE journal_counts SET events = (SELECT count(*) FROM journal_events), " +
        "streams = (SELECT count(*) FROM journal_events WHERE stream_version = 1), " +
        "erased_payloads = (SELECT count(*) FROM journal_events WHERE payload IS NULL); " +
        "DELETE FROM journal_type_counts; " +
        "INSERT INTO journal_type_counts (event_type, events) SELECT event_type, count(*) FROM journal_events GROUP BY event_type;";

    private const string SqliteRecountSql = RecountSql + " UPDATE journal_counts SET counted_through = (SELECT coalesce(max(seq), 0) FROM journal_events);";

    private readonly TempDirectory _directory;

    private TwinTapes(NpgsqlDataSource dataSource, SqliteConnections sqlite, TempDirectory directory)
    {
        DataSource = dataSource;
        Sqlite = sqlite;
        _directory = directory;
    }

    public NpgsqlDataSource DataSource { get; }

    public SqliteConnections Sqlite { get; }

    public TapeVerifier SqliteVerifier => new(Sqlite);

    public TapeReader SqliteReader(int batchSize) => new(Sqlite, batchSize);

    public static async Task<TwinTapes> CreateAsync(PostgresServerFixture fixture)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("tape_" + Guid.NewGuid().ToString("N"));
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await PostgresMigrator.MigrateAsync(connection, PostgresMigrator.Tape, TimeProvider.System, default);
        }

        var directory = new TempDirectory();
        var path = directory.File("journal.db");
        StoragePaths.EnsureOwnerOnlyFile(path);
        var sqlite = new SqliteConnections(path, 5000);
        using (var connection = sqlite.Open())
        {
            SqliteConnections.EnableWal(connection);
            Migrator.Migrate(connection, MigrationSet.Tape(), TimeProvider.System);
        }

        return new TwinTapes(dataSource, sqlite, directory);
    }

    /// <summary>Inserts the rows into both tapes, as stored (the PostgreSQL triggers allow inserts).</summary>
    public async Task InsertAsync(IEnumerable<TapeRow> rows)
    {
        var list = rows.ToList();
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            foreach (var row in list)
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash) " +
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    connection);
                foreach (var value in Values(row))
                {
                    insert.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea } : new NpgsqlParameter { Value = value });
                }

                await insert.ExecuteNonQueryAsync();
            }
        }

        using var sqlite = Sqlite.Open();
        foreach (var row in list)
        {
            using var insert = sqlite.CreateCommand();
            insert.CommandText = "INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
            var i = 1;
            foreach (var value in Values(row))
            {
                insert.Parameters.AddWithValue("$" + i++.ToString(System.Globalization.CultureInfo.InvariantCulture), value ?? DBNull.Value);
            }

            insert.ExecuteNonQuery();
        }

        // The rows went in behind the writer's back: keep their counts as the writer would have.
        await ExecuteAsync(RecountSql, SqliteRecountSql);
    }

    /// <summary>Runs the same statement on both (its parameters bound by name, <c>@name</c> on PostgreSQL, <c>$name</c> on SQLite).</summary>
    public async Task ExecuteAsync(string postgresSql, string sqliteSql, params (string Name, object Value)[] parameters)
    {
        await ExecutePostgresAsync(postgresSql, parameters);
        using var sqlite = Sqlite.Open();
        using var command = sqlite.CreateCommand();
        command.CommandText = sqliteSql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("$" + name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Runs a statement on the PostgreSQL database.</summary>
    public async Task ExecutePostgresAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        Sqlite.ClearPool();
        _directory.Dispose();
    }

    private static object?[] Values(TapeRow row) =>
    [
        row.Seq, row.EventId.ToByteArray(bigEndian: true), row.StreamId, row.StreamVersion, row.EventType, row.RecordedAt,
        row.Metadata, row.Payload, row.PayloadDigest, row.PrevHash, row.Hash,
    ];
}
