using Journal.EventStore.Postgres;
using Journal.EventStore.Schema;
using Npgsql;

using Journal.Testing.Postgres;

namespace Journal.EventStore.Tests.Postgres;

public sealed class PostgresMigratorTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task MigrateAsync_applies_each_migration_once_and_records_its_checksum()
    {
        await using var db = await OpenNewDatabaseAsync();

        var first = await PostgresMigrator.MigrateAsync(db, PostgresMigrator.Tape, TimeProvider.System, default);
        var second = await PostgresMigrator.MigrateAsync(db, PostgresMigrator.Tape, TimeProvider.System, default);

        Assert.Equal(PostgresMigrator.Tape.Migrations.Select(m => m.Version), first);
        Assert.Empty(second);
        await using var read = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations ORDER BY version", db);
        await using var reader = await read.ExecuteReaderAsync();
        foreach (var migration in PostgresMigrator.Tape.Migrations)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(migration.Version, reader.GetInt32(0));
            Assert.Equal(migration.Checksum, reader.GetString(1));
        }

        Assert.False(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("UPDATE schema_migrations SET checksum = 'not-the-script' WHERE version = 1", "schema.checksum_mismatch")]
    [InlineData("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'future', 'x', 0)", "schema.too_new")]
    public async Task MigrateAsync_refuses_a_database_this_code_did_not_make(string tamper, string code)
    {
        await using var db = await OpenNewDatabaseAsync();
        await PostgresMigrator.MigrateAsync(db, PostgresMigrator.Tape, TimeProvider.System, default);
        await using (var command = new NpgsqlCommand(tamper, db))
        {
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<SchemaException>(() => PostgresMigrator.MigrateAsync(db, PostgresMigrator.Tape, TimeProvider.System, default));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task MigrateAsync_from_eight_instances_at_once_applies_each_migration_once()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("tape_" + Guid.NewGuid().ToString("N"));
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < 8; i++)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            connections.Add(connection);
        }

        try
        {
            var results = await Task.WhenAll(connections.Select(c => Task.Run(() => PostgresMigrator.MigrateAsync(c, PostgresMigrator.Tape, TimeProvider.System, default))));

            Assert.Equal(PostgresMigrator.Tape.Migrations.Select(m => m.Version), results.SelectMany(r => r).Order());
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> OpenNewDatabaseAsync()
    {
        var connection = new NpgsqlConnection(await fixture.Server.CreateDatabaseAsync("tape_" + Guid.NewGuid().ToString("N")));
        await connection.OpenAsync();
        return connection;
    }
}
