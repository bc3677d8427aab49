using Journal.EventStore.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Schema;

/// <summary>
/// Brings a database file to the newest schema. Each migration runs in its own transaction and is
/// recorded with its checksum in <c>schema_migrations</c>. A file whose schema is newer than the code,
/// or whose recorded checksum differs from the code's script, is refused; so is a migration whose
/// precondition finds a row it cannot accept (the file then stays at the version before it).
/// </summary>
public static class Migrator
{
    private static readonly string Bootstrap = SqlText.Load("Migrations/Bootstrap.sql");
    private static readonly string SelectApplied = SqlText.Load("Migrations/SelectApplied.sql");
    private static readonly string InsertApplied = SqlText.Load("Migrations/InsertApplied.sql");

    /// <summary>Applies the pending migrations of <paramref name="set"/>; returns the versions applied.</summary>
    /// <exception cref="SchemaException">The file is newer than the code, a checksum differs, or a precondition refuses.</exception>
    public static IReadOnlyList<int> Migrate(SqliteConnection connection, MigrationSet set, TimeProvider time)
    {
        Execute(connection, null, Bootstrap);
        var applied = new List<int>();
        foreach (var migration in set.Migrations)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var recorded = ReadApplied(connection, transaction);
            set.Verify(connection.DataSource, recorded);
            if (recorded.ContainsKey(migration.Version))
            {
                transaction.Commit();
                continue;
            }

            if (migration.Precondition is { } precondition && Scalar(connection, transaction, precondition) is string refusal)
            {
                throw new SchemaException(
                    "schema.precondition_failed",
                    $"'{connection.DataSource}' cannot be upgraded to schema version {migration.Version} ({migration.Name}): {refusal}; nothing was changed (run `verify --db` on the file to see its state)");
            }

            Execute(connection, transaction, migration.Sql);
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = InsertApplied;
                insert.Parameters.AddWithValue("$version", migration.Version);
                insert.Parameters.AddWithValue("$name", migration.Name);
                insert.Parameters.AddWithValue("$checksum", migration.Checksum);
                insert.Parameters.AddWithValue("$applied_at", time.GetUtcNow().ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(migration.Version);
        }

        // A file newer than the code is refused even when nothing was pending.
        set.Verify(connection.DataSource, ReadApplied(connection, null));
        return applied;
    }

    /// <summary>The highest schema version recorded in the file (0 when none).</summary>
    public static int CurrentVersion(SqliteConnection connection)
    {
        Execute(connection, null, Bootstrap);
        var recorded = ReadApplied(connection, null);
        return recorded.Count == 0 ? 0 : recorded.Keys.Max();
    }

    private static Dictionary<int, (string Name, string Checksum)> ReadApplied(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectApplied;
        using var reader = command.ExecuteReader();
        var recorded = new Dictionary<int, (string, string)>();
        while (reader.Read())
        {
            recorded[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return recorded;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
