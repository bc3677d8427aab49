using Journal.Domain.Approvals;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Approvals;

/// <summary>The statements of <c>approvals.v1</c> and how its rows are read back.</summary>
internal static class ApprovalSql
{
    public static readonly string Create = Projections.Sql.ProjectionSql.Load("Approvals/Create.sql");
    public static readonly string UpsertApproval = Projections.Sql.ProjectionSql.Load("Approvals/UpsertApproval.sql");
    public static readonly string SelectApproval = Projections.Sql.ProjectionSql.Load("Approvals/SelectApproval.sql");
    public static readonly string SelectApprovals = Projections.Sql.ProjectionSql.Load("Approvals/SelectApprovals.sql");
    public static readonly string UpsertRemembered = Projections.Sql.ProjectionSql.Load("Approvals/UpsertRemembered.sql");
    public static readonly string DeleteRememberedOfSession = Projections.Sql.ProjectionSql.Load("Approvals/DeleteRememberedOfSession.sql");
    public static readonly string SelectRemembered = Projections.Sql.ProjectionSql.Load("Approvals/SelectRemembered.sql");
    public static readonly string SelectDueApprovals = Projections.Sql.ProjectionSql.Load("Approvals/SelectDueApprovals.sql");

    /// <summary>Maps a row of <see cref="SelectApproval"/> or <see cref="SelectApprovals"/>.</summary>
    public static ApprovalRow ReadApproval(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetId(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.GetEnum<ApprovalScope>(5),
        r.GetInt64OrNull(6),
        r.GetTime(7),
        r.GetEnum<ApprovalStatus>(8),
        r.IsDBNull(9) ? null : r.GetEnum<ApprovalDecision>(9),
        r.GetStringOrNull(10),
        r.GetStringOrNull(11),
        r.GetBoolean(12),
        r.GetTimeOrNull(13),
        r.GetTime(14),
        r.GetTimeOrNull(15),
        r.GetInt64(16),
        r.GetInt64(17));

    /// <summary>Maps a row of <see cref="SelectRemembered"/>.</summary>
    public static RememberedDecision ReadRemembered(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetId(1),
        r.GetString(2),
        r.GetString(3),
        r.GetEnum<ApprovalScope>(4),
        r.GetEnum<ApprovalDecision>(5),
        r.GetString(6),
        r.GetTime(7),
        r.GetTimeOrNull(8));
}
