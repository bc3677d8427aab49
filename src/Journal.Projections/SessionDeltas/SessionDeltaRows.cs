using Journal.Projections.Shared;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.SessionDeltas;

/// <summary>The statements of <c>session_deltas.v4</c> and how its rows map to <see cref="StoredChange"/>.</summary>
internal static class SessionDeltaRows
{
    public static readonly string Create = ProjectionSql.Load("SessionDeltas/Create.sql");
    public static readonly string SelectView = ProjectionSql.Load("SessionDeltas/SelectView.sql");
    public static readonly string UpsertView = ProjectionSql.Load("SessionDeltas/UpsertView.sql");
    public static readonly string InsertDelta = ProjectionSql.Load("SessionDeltas/InsertDelta.sql");
    public static readonly string ListOfSession = ProjectionSql.Load("SessionDeltas/ListOfSession.sql");

    /// <summary>Maps a row of <see cref="ListOfSession"/>.</summary>
    public static StoredChange Read(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetTime(2),
        r.GetStringOrNull(3),
        r.GetStringOrNull(4));
}

/// <summary>A change as <c>session_deltas.v4</c> stores it: its undo, or the whole view before when no undo could be made.</summary>
internal sealed record StoredChange(long Position, string ChangeType, DateTimeOffset At, string? Undo, string? Before);
