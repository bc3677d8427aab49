using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Cron;

/// <summary>The statements of <c>cron.v1</c> and how its rows are read back.</summary>
internal static class CronSql
{
    public static readonly string Create = Load("Create.sql");
    public static readonly string UpsertJob = Load("UpsertJob.sql");
    public static readonly string SelectJob = Load("SelectJob.sql");
    public static readonly string SelectJobState = Load("SelectJobState.sql");
    public static readonly string SelectJobs = Load("SelectJobs.sql");
    public static readonly string SelectDueJobs = Load("SelectDueJobs.sql");
    public static readonly string SelectNextWake = Load("SelectNextWake.sql");
    public static readonly string InsertRun = Load("InsertRun.sql");
    public static readonly string FinishRun = Load("FinishRun.sql");
    public static readonly string SetRunRetry = Load("SetRunRetry.sql");
    public static readonly string SelectRuns = Load("SelectRuns.sql");
    public static readonly string SelectActiveRuns = Load("SelectActiveRuns.sql");
    public static readonly string SelectRun = Load("SelectRun.sql");
    public static readonly string SelectHealth = Load("SelectHealth.sql");

    /// <summary>Maps a row of <see cref="SelectJob"/> or <see cref="SelectJobs"/>.</summary>
    public static CronJobView ReadJob(SqliteDataReader r) =>
        CronJobView.From(CronStateJson.Read(r.GetString(0)), r.GetInt64(1), r.GetInt64(2));

    /// <summary>Maps a row of the run selects.</summary>
    public static CronRunView ReadRun(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetIdOrNull(1),
        r.GetId(2),
        r.GetTime(3),
        (int)r.GetInt64(4),
        r.IsDBNull(5) ? null : (int)r.GetInt64(5),
        r.GetStringOrNull(6),
        r.GetEnum<CronRunStatus>(7),
        r.GetStringOrNull(8),
        r.GetStringOrNull(9),
        r.GetTime(10),
        r.GetTimeOrNull(11),
        r.GetTimeOrNull(12),
        r.GetTimeOrNull(13),
        r.GetTimeOrNull(14));

    private static string Load(string file) => Projections.Sql.ProjectionSql.Load("Cron/" + file);
}
