using Microsoft.Data.Sqlite;
using Journal.Projections.Shared;

namespace Journal.Projections.Canvas;

/// <summary>The statements of <c>canvas.v1</c> and how its rows are read back.</summary>
internal static class CanvasSql
{
    public static readonly string Create = Load("Create.sql");
    public static readonly string UpsertCanvas = Load("UpsertCanvas.sql");
    public static readonly string SelectCanvas = Load("SelectCanvas.sql");
    public static readonly string SelectCanvasRow = Load("SelectCanvasRow.sql");
    public static readonly string SelectCanvases = Load("SelectCanvases.sql");
    public static readonly string InsertVersion = Load("InsertVersion.sql");
    public static readonly string InsertSnapshot = Load("InsertSnapshot.sql");
    public static readonly string InsertMismatch = Load("InsertMismatch.sql");
    public static readonly string SelectVersions = Load("SelectVersions.sql");
    public static readonly string SelectSnapshotAtOrBefore = Load("SelectSnapshotAtOrBefore.sql");
    public static readonly string SelectPatchesBetween = Load("SelectPatchesBetween.sql");
    public static readonly string SelectVersionHash = Load("SelectVersionHash.sql");
    public static readonly string SelectMismatches = Load("SelectMismatches.sql");
    public static readonly string CountMismatches = Load("CountMismatches.sql");
    public static readonly string SelectSnapshotVersions = Load("SelectSnapshotVersions.sql");

    /// <summary>Maps the first nine columns of <see cref="SelectCanvas"/> (all of <see cref="SelectCanvasRow"/>).</summary>
    public static CanvasRow ReadRow(SqliteDataReader r) => new(
        r.GetId(0), r.GetId(1), r.GetInt64(2), r.GetString(3), r.GetTime(4), r.GetTime(5), r.GetInt64(6), r.GetInt32(7), r.GetInt64(8));

    /// <summary>Maps a row of <see cref="SelectCanvas"/> with its state text.</summary>
    public static (CanvasRow Row, string State) ReadRowWithState(SqliteDataReader r) => (ReadRow(r), r.GetString(9));

    /// <summary>Maps a row of <see cref="SelectVersions"/>.</summary>
    public static CanvasVersionRow ReadVersion(SqliteDataReader r) => new(
        r.GetId(0), r.GetInt64(1), r.GetString(2), r.GetInt64OrNull(3), r.GetString(4), r.GetStringOrNull(5), r.GetStringOrNull(6), r.GetTime(7), r.GetInt64(8));

    /// <summary>Maps a row of <see cref="SelectMismatches"/>.</summary>
    public static CanvasHashMismatch ReadMismatch(SqliteDataReader r) => new(
        r.GetId(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetStringOrNull(4), r.GetString(5));

    private static string Load(string file) => Projections.Sql.ProjectionSql.Load("Canvas/" + file);
}
