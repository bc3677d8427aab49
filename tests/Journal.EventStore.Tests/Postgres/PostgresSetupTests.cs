using Journal.EventStore.Schema;
using Journal.EventStore.Tests.Support;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.EventStore.Tests.Postgres;

public sealed class PostgresSetupTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Open_refuses_a_database_whose_encoding_is_not_utf8()
    {
        var name = "a" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(fixture.Server.ConnectionString() + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'SQL_ASCII' TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }

        var error = Assert.Throws<SchemaException>(() => PostgresTapes.Open(fixture.Server.ConnectionString(name)));

        Assert.Equal("schema.encoding", error.Code);
    }

    [Fact]
    public async Task Open_by_two_instances_names_one_journal()
    {
        var cs = await fixture.Server.CreateDatabaseAsync("s" + Guid.NewGuid().ToString("N"));
        var opening = await Task.WhenAll(Task.Run(() => PostgresTapes.Open(cs)), Task.Run(() => PostgresTapes.Open(cs)));
        await using var a = opening[0];
        await using var b = opening[1];

        Assert.Equal(a.JournalId, b.JournalId);
        Assert.NotEqual(Guid.Empty, a.JournalId);
    }
}
