using System.Globalization;
using Journal.EventStore.Sql;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>Opens a PostgreSQL tape: the data source, the schema migrated to the newest, the journal's id.</summary>
internal static class PostgresTapeSetup
{
    private static readonly string EnsureJournalInfo = SqlText.Load("Postgres/Setup/EnsureJournalInfo.sql");
    private static readonly string SelectEncoding = SqlText.Load("Postgres/Setup/SelectEncoding.sql");

    /// <summary>
    /// A data source over <paramref name="connectionString"/> with statements prepared on their second use (the
    /// writer's and the readers' few statements run millions of times) and the application named.
    /// </summary>
    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }

        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "journal";
        }

        return builder.Build();
    }

    /// <summary>Migrates the schema (instances starting together apply each migration once) and returns the journal's id.</summary>
    public static async Task<Guid> PrepareAsync(NpgsqlDataSource dataSource, TimeProvider time, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (var encoding = new NpgsqlCommand(SelectEncoding, connection))
        {
            // The hash covers text as UTF-8 bytes; a database in another encoding would store other bytes.
            var name = (string?)await encoding.ExecuteScalarAsync(ct).ConfigureAwait(false);
            if (!string.Equals(name, "UTF8", StringComparison.OrdinalIgnoreCase))
            {
                throw new Schema.SchemaException("schema.encoding", $"the tape's database is encoded {name}; it must be UTF8 (CREATE DATABASE ... ENCODING 'UTF8')");
            }
        }

        await PostgresMigrator.MigrateAsync(connection, PostgresMigrator.Tape, time, ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(EnsureJournalInfo, connection);
        command.Parameters.AddWithValue("journal_id", Guid.CreateVersion7(time.GetUtcNow()).ToString());
        command.Parameters.AddWithValue("created_at", time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        var id = (string?)await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return Guid.Parse(id ?? throw new InvalidOperationException("journal_info has no journal_id"));
    }

    /// <summary>Where a connection string points (host, port, database, user), never its password.</summary>
    public static string Describe(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{settings.Username}@{settings.Host}:{settings.Port}/{settings.Database}");
    }
}
