using Journal.Domain.Runs;
using Journal.Projections.Shared;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Sessions;

/// <summary>The statements of <c>sessions.v2</c> and how its rows map to <see cref="SessionView"/>.</summary>
internal static class SessionRows
{
    public static readonly string Create = ProjectionSql.Load("Sessions/Create.sql");
    public static readonly string Upsert = ProjectionSql.Load("Sessions/Upsert.sql");
    public static readonly string SelectById = ProjectionSql.Load("Sessions/SelectById.sql");
    public static readonly string SelectLiveByKey = ProjectionSql.Load("Sessions/SelectLiveByKey.sql");
    public static readonly string SelectByLabel = ProjectionSql.Load("Sessions/SelectByLabel.sql");
    public static readonly string List = ProjectionSql.Load("Sessions/List.sql");

    /// <summary>Maps a row selected in the column order every statement above uses.</summary>
    public static SessionView Read(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetStringOrNull(4),
        r.GetStringOrNull(5),
        r.GetString(6),
        r.GetTime(7),
        r.GetTime(8),
        r.GetTimeOrNull(9),
        r.GetIdOrNull(10),
        r.GetEnumOrNull<RunStatus>(11),
        r.GetInt32(12),
        r.GetInt64(13),
        r.GetIdOrNull(14),
        r.GetInt64(15),
        r.GetInt64(16));

    /// <summary>The parameters of <see cref="Upsert"/>.</summary>
    public static (string, object?)[] Parameters(SessionView v) =>
    [
        ("$session_id", ReadModelValues.Id(v.SessionId)),
        ("$principal", v.Principal),
        ("$device", v.Device),
        ("$channel", v.Channel),
        ("$session_key", v.SessionKey),
        ("$label", v.Label),
        ("$state", v.State),
        ("$created_at", ReadModelValues.Ms(v.CreatedAt)),
        ("$updated_at", ReadModelValues.Ms(v.UpdatedAt)),
        ("$archived_at", ReadModelValues.Ms(v.ArchivedAt)),
        ("$last_run_id", ReadModelValues.Id(v.LastRunId)),
        ("$last_run_status", v.LastRunStatus?.ToString()),
        ("$run_count", v.RunCount),
        ("$transcript_entry_count", v.TranscriptEntryCount),
        ("$foreground_run_id", ReadModelValues.Id(v.ForegroundRunId)),
        ("$stream_version", v.StreamVersion),
        ("$last_position", v.LastPosition),
    ];
}
