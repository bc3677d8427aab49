using Journal.Projections.Shared;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.SessionDeltas;

/// <summary>The statements of <c>session_deltas.v4</c> and how its rows map to <see cref="SessionDelta"/>.</summary>
internal static class SessionDeltaRows
{
    public static readonly string Create = ProjectionSql.Load("SessionDeltas/Create.sql");
    public static readonly string SelectView = ProjectionSql.Load("SessionDeltas/SelectView.sql");
    public static readonly string UpsertView = ProjectionSql.Load("SessionDeltas/UpsertView.sql");
    public static readonly string InsertDelta = ProjectionSql.Load("SessionDeltas/InsertDelta.sql");
    public static readonly string ListOfSession = ProjectionSql.Load("SessionDeltas/ListOfSession.sql");
    public static readonly string KeepBeforeOfOldest = ProjectionSql.Load("SessionDeltas/KeepBeforeOfOldest.sql");
    public static readonly string DeleteOlderThan = ProjectionSql.Load("SessionDeltas/DeleteOlderThan.sql");

    /// <summary>Maps a row of <see cref="ListOfSession"/>.</summary>
    public static SessionDelta Read(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetTime(3),
        r.GetStringOrNull(4),
        r.GetString(5));
}
