using Journal.Domain.Runs;
using Journal.Projections.Shared;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runs;

/// <summary>The statements of <c>runs.v2</c> and how its rows map to <see cref="RunView"/>.</summary>
internal static class RunRows
{
    public static readonly string Create = ProjectionSql.Load("Runs/Create.sql");
    public static readonly string Upsert = ProjectionSql.Load("Runs/Upsert.sql");
    public static readonly string SelectById = ProjectionSql.Load("Runs/SelectById.sql");
    public static readonly string ListOfSession = ProjectionSql.Load("Runs/ListOfSession.sql");
    public static readonly string ListRecent = ProjectionSql.Load("Runs/ListRecent.sql");

    /// <summary>Maps a row selected in the column order every statement above uses.</summary>
    public static RunView Read(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetId(1),
        r.GetEnum<RunKind>(2),
        r.GetIdOrNull(3),
        r.GetEnum<RunStatus>(4),
        r.GetBoolean(5),
        r.GetInt64(6),
        r.GetInt64(7),
        r.GetTime(8),
        r.GetTimeOrNull(9),
        r.GetTimeOrNull(10),
        r.GetStringOrNull(11),
        r.GetBoolean(12),
        r.GetInt64(13),
        r.GetInt64(14),
        r.GetInt64(15));

    /// <summary>The parameters of <see cref="Upsert"/>.</summary>
    public static (string, object?)[] Parameters(RunView v) =>
    [
        ("$run_id", ReadModelValues.Id(v.RunId)),
        ("$session_id", ReadModelValues.Id(v.SessionId)),
        ("$kind", v.Kind.ToString()),
        ("$parent_run_id", ReadModelValues.Id(v.ParentRunId)),
        ("$status", v.Status.ToString()),
        ("$cancel_requested", v.CancelRequested),
        ("$input_tokens", v.InputTokens),
        ("$output_tokens", v.OutputTokens),
        ("$accepted_at", ReadModelValues.Ms(v.AcceptedAt)),
        ("$started_at", ReadModelValues.Ms(v.StartedAt)),
        ("$ended_at", ReadModelValues.Ms(v.EndedAt)),
        ("$failure_reason", v.FailureReason),
        ("$orphaned", v.Orphaned),
        ("$accepted_position", v.AcceptedPosition),
        ("$stream_version", v.StreamVersion),
        ("$last_position", v.LastPosition),
    ];
}
