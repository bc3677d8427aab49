using System.Globalization;
using Journal.Testing.Postgres;
using Npgsql;

namespace Journal.Benchmarks.Postgres;

/// <summary>A fresh database on the bench's server for one round (or one scenario), dropped afterwards.</summary>
internal sealed class PgDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    private PgDatabase(PostgresServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Pooled connections to the database (Npgsql's default pool, up to 100 connections).</summary>
    public string ConnectionString { get; }

    public static async Task<PgDatabase> CreateAsync(PostgresServer server, string prefix)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Guid.NewGuid():N}");
        return new PgDatabase(server, name, await server.CreateDatabaseAsync(name).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await using (var mine = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(mine);
        }

        // FORCE ends what a store left open (a listener, an idle pooled connection), so every round starts on an
        // empty server whatever the side under test did with its connections.
        await using var connection = new NpgsqlConnection(_server.ConnectionString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
