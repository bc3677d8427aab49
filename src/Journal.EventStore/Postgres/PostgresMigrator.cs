using Journal.EventStore.Schema;
using Journal.EventStore.Sql;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>
/// Brings a PostgreSQL database to the newest tape schema, as <see cref="Migrator"/> does for a SQLite file: each
/// migration in its own transaction, recorded with its checksum in <c>schema_migrations</c>; a database newer than
/// the code, or with a checksum that differs, is refused. Instances that share the database take a transaction-level
/// advisory lock first, so each migration is applied once however many start together.
/// </summary>
public static class PostgresMigrator
{
    private static readonly string Lock = SqlText.Load("Postgres/Migrations/Lock.sql");
    private static readonly string Bootstrap = SqlText.Load("Postgres/Migrations/Bootstrap.sql");
    private static readonly string SelectApplied = SqlText.Load("Postgres/Migrations/SelectApplied.sql");
    private static readonly string InsertApplied = SqlText.Load("Postgres/Migrations/InsertApplied.sql");

    /// <summary>The tape's migrations for PostgreSQL (<c>Sql/Postgres/Migrations/NNNN_name.sql</c>).</summary>
    public static MigrationSet Tape { get; } = MigrationSet.FromAssembly(typeof(PostgresMigrator).Assembly, "Journal.EventStore.Sql.Postgres.Migrations.");

    /// <summary>Applies the pending migrations of <paramref name="set"/>; returns the versions this call applied.</summary>
    /// <exception cref="SchemaException">The database is newer than the code, a checksum differs, or a precondition refuses.</exception>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlConnection connection, MigrationSet set, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(set);
        var applied = new List<int>();
        foreach (var migration in set.Migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, Lock, ct).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, Bootstrap, ct).ConfigureAwait(false);
            var recorded = await ReadAppliedAsync(connection, transaction, ct).ConfigureAwait(false);
            set.Verify(connection.Database, recorded);
            if (recorded.ContainsKey(migration.Version))
            {
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                continue;
            }

            if (migration.Precondition is { } precondition)
            {
                await using var check = new NpgsqlCommand(precondition, connection, transaction);
                if (await check.ExecuteScalarAsync(ct).ConfigureAwait(false) is string refusal)
                {
                    throw new SchemaException(
                        "schema.precondition_failed",
                        $"'{connection.Database}' cannot be upgraded to schema version {migration.Version} ({migration.Name}): {refusal}; nothing was changed");
                }
            }

            await ExecuteAsync(connection, transaction, migration.Sql, ct).ConfigureAwait(false);
            await using (var insert = new NpgsqlCommand(InsertApplied, connection, transaction))
            {
                insert.Parameters.AddWithValue("version", migration.Version);
                insert.Parameters.AddWithValue("name", migration.Name);
                insert.Parameters.AddWithValue("checksum", migration.Checksum);
                insert.Parameters.AddWithValue("applied_at", time.GetUtcNow().ToUnixTimeMilliseconds());
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            applied.Add(migration.Version);
        }

        // A database newer than the code is refused even when nothing was pending.
        await using (var final = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, final, Bootstrap, ct).ConfigureAwait(false);
            set.Verify(connection.Database, await ReadAppliedAsync(connection, final, ct).ConfigureAwait(false));
            await final.CommitAsync(ct).ConfigureAwait(false);
        }

        return applied;
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SelectApplied, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var recorded = new Dictionary<int, (string, string)>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            recorded[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return recorded;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
