using System.Globalization;
using Journal.EventStore.Maintenance;
using Journal.Projections.Runtime;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Maintenance;

/// <summary>Housekeeping of the read models: session-delta retention and the full-text index's integrity check.</summary>
public static class ReadModelMaintenance
{
    private static readonly string DeleteOlderDeltas = ProjectionSql.Load("SessionDeltas/DeleteOlderThan.sql");
    private static readonly string FtsIntegrityCheck = ProjectionSql.Load("Maintenance/FtsIntegrityCheck.sql");

    /// <summary>
    /// Deletes the session deltas recorded before <paramref name="cutoff"/> (and, of a session whose times went
    /// back, any older change of it, so only its oldest changes go); returns how many.
    /// </summary>
    /// <remarks>Deltas are derived data: the tape keeps every change, and a rebuild brings old ones back until the next run.</remarks>
    public static int PruneSessionDeltas(ReadModelStore readModels, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        using var connection = readModels.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = DeleteOlderDeltas;
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        try
        {
            return command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    /// <summary>Checks the workspace full-text index against its content (FTS5 <c>integrity-check</c>).</summary>
    public static MaintenanceStep CheckFullTextIndex(ReadModelStore readModels)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        const string name = "read_models.fts_integrity_check";
        try
        {
            using var connection = readModels.OpenReader();
            using var command = connection.CreateCommand();
            command.CommandText = FtsIntegrityCheck;
            command.ExecuteNonQuery();
            return new MaintenanceStep(name, true, "workspace_v1_fts is consistent");
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return new MaintenanceStep(name, true, "no full-text index yet");
        }
        catch (SqliteException ex)
        {
            return new MaintenanceStep(name, false, string.Create(CultureInfo.InvariantCulture, $"workspace_v1_fts is damaged ({ex.Message}); rebuild the workspace.v1 projection"));
        }
    }

    /// <summary>Runs the WAL checkpoint and incremental vacuum on the current read-model database.</summary>
    public static IReadOnlyList<MaintenanceStep> Housekeep(ReadModelStore readModels)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        return SqliteMaintenance.Run(readModels.CurrentConnections, "read_models");
    }
}
