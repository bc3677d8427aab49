using Npgsql;

using Journal.Testing.Postgres;

namespace Journal.EventStore.Tests.Postgres;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task StartAsync_runs_a_throwaway_server_on_loopback_that_answers_and_is_gone_after_dispose()
    {
        string connectionString;
        await using (var server = await PostgresServer.StartAsync())
        {
            connectionString = await server.CreateDatabaseAsync("journal_smoke");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT current_setting('server_version_num')::int, current_database(), inet_server_addr()::text", connection);
            await using var reader = await query.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.InRange(reader.GetInt32(0), 150000, 159999);
            Assert.Equal("journal_smoke", reader.GetString(1));
            Assert.Equal("127.0.0.1/32", reader.GetString(2));
        }

        NpgsqlConnection.ClearAllPools();
        await using var after = new NpgsqlConnection(connectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
    }
}
