using System.Globalization;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Maintenance;

/// <summary>
/// Housekeeping of one SQLite database: a passive WAL checkpoint (never waits for readers or the
/// writer, so it is safe while the service runs) and an incremental vacuum (returns free pages to the
/// file system when the file was made with <c>auto_vacuum=INCREMENTAL</c>; otherwise it reports that it
/// has nothing to do).
/// </summary>
public static class SqliteMaintenance
{
    /// <summary>Runs both steps on the database behind <paramref name="connections"/>, naming them <c>{prefix}.*</c>.</summary>
    public static IReadOnlyList<MaintenanceStep> Run(SqliteConnections connections, string prefix)
    {
        ArgumentNullException.ThrowIfNull(connections);
        using var connection = connections.Open();
        return [Checkpoint(connection, prefix), Vacuum(connection, prefix)];
    }

    private static MaintenanceStep Checkpoint(SqliteConnection connection, string prefix)
    {
        var name = prefix + ".wal_checkpoint";
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return new MaintenanceStep(name, true, "not in WAL mode");
            }

            var busy = reader.GetInt64(0);
            var log = reader.GetInt64(1);
            var done = reader.GetInt64(2);
            return new MaintenanceStep(name, busy == 0, string.Create(CultureInfo.InvariantCulture, $"{done} of {log} WAL frames checkpointed{(busy == 0 ? string.Empty : " (busy)")}"));
        }
        catch (SqliteException ex)
        {
            return new MaintenanceStep(name, false, ex.Message);
        }
    }

    private static MaintenanceStep Vacuum(SqliteConnection connection, string prefix)
    {
        var name = prefix + ".incremental_vacuum";
        try
        {
            var mode = Scalar(connection, "PRAGMA auto_vacuum;");
            var before = Scalar(connection, "PRAGMA freelist_count;");
            if (mode != 2)
            {
                return new MaintenanceStep(name, true, string.Create(CultureInfo.InvariantCulture, $"auto_vacuum is not INCREMENTAL on this file; {before} free pages stay for reuse"));
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA incremental_vacuum;";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                }
            }

            var after = Scalar(connection, "PRAGMA freelist_count;");
            return new MaintenanceStep(name, true, string.Create(CultureInfo.InvariantCulture, $"{before - after} free pages released"));
        }
        catch (SqliteException ex)
        {
            return new MaintenanceStep(name, false, ex.Message);
        }
    }

    private static long Scalar(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
