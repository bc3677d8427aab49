using Journal.EventStore.Postgres;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Postgres;

/// <summary>What the PostgreSQL tape says about itself: its id, schema version, size, and its housekeeping.</summary>
public sealed class PostgresTapeCatalogTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task ReadJournalIdAsync_answers_the_recorded_id_or_null_before_one_is_recorded()
    {
        await using var tapes = await TwinTapes.CreateAsync(fixture);
        var catalog = new PostgresTapeCatalog(tapes.DataSource);
        Assert.Null(await catalog.ReadJournalIdAsync(default));

        var id = Guid.CreateVersion7();
        await tapes.ExecutePostgresAsync("INSERT INTO journal_info (key, value) VALUES ('journal_id', @id)", ("id", id.ToString()));

        Assert.Equal(id, await catalog.ReadJournalIdAsync(default));
    }

    [Fact]
    public async Task ReadSchemaVersionAsync_answers_the_highest_applied_migration_or_zero_on_an_empty_database()
    {
        await using var tapes = await TwinTapes.CreateAsync(fixture);
        Assert.Equal(PostgresMigrator.Tape.LatestVersion, await new PostgresTapeCatalog(tapes.DataSource).ReadSchemaVersionAsync(default));

        await using var empty = NpgsqlDataSource.Create(await fixture.Server.CreateDatabaseAsync("empty_" + Guid.NewGuid().ToString("N")));
        Assert.Equal(0, await new PostgresTapeCatalog(empty).ReadSchemaVersionAsync(default));
    }

    [Fact]
    public async Task ReadStorageBytesAsync_counts_the_tape_tables_and_grows_with_rows()
    {
        await using var tapes = await TwinTapes.CreateAsync(fixture);
        var catalog = new PostgresTapeCatalog(tapes.DataSource);
        var before = await catalog.ReadStorageBytesAsync(default);
        Assert.True(before > 0, $"{before} bytes");

        await tapes.InsertAsync(PostgresTapeReaderTests.Sample().Rows);

        Assert.True(await catalog.ReadStorageBytesAsync(default) > before);
    }

    [Fact]
    public async Task RunMaintenanceAsync_vacuums_and_analyzes_the_events_table()
    {
        await using var tapes = await TwinTapes.CreateAsync(fixture);
        await tapes.InsertAsync(PostgresTapeReaderTests.Sample().Rows);

        var steps = await new PostgresTapeCatalog(tapes.DataSource).RunMaintenanceAsync(default);

        var step = Assert.Single(steps);
        Assert.Equal(("tape.vacuum_analyze", true), (step.Name, step.Ok));
        await using var analyzed = tapes.DataSource.CreateCommand("SELECT last_vacuum IS NOT NULL AND last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'journal_events'");
        Assert.Equal(true, await analyzed.ExecuteScalarAsync());
    }
}
