using Journal.Domain.ToolJobs;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.ToolJobs;

/// <summary>The statements of <c>tooljobs.v1</c> and how its rows are read back.</summary>
internal static class ToolJobSql
{
    public static readonly string Create = Projections.Sql.ProjectionSql.Load("ToolJobs/Create.sql");
    public static readonly string UpsertJob = Projections.Sql.ProjectionSql.Load("ToolJobs/UpsertJob.sql");
    public static readonly string SelectJob = Projections.Sql.ProjectionSql.Load("ToolJobs/SelectJob.sql");
    public static readonly string SelectJobs = Projections.Sql.ProjectionSql.Load("ToolJobs/SelectJobs.sql");
    public static readonly string SelectTail = Projections.Sql.ProjectionSql.Load("ToolJobs/SelectTail.sql");
    public static readonly string InsertChunk = Projections.Sql.ProjectionSql.Load("ToolJobs/InsertChunk.sql");
    public static readonly string TrimTail = Projections.Sql.ProjectionSql.Load("ToolJobs/TrimTail.sql");

    /// <summary>Maps a row of <see cref="SelectJob"/> or <see cref="SelectJobs"/>.</summary>
    public static ToolJobRow ReadJob(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetId(1),
        r.GetIdOrNull(2),
        r.GetString(3),
        r.GetStringOrNull(4),
        r.GetEnum<ToolJobStatus>(5),
        r.GetInt32(6),
        r.IsDBNull(7) ? null : r.GetInt32(7),
        r.GetStringOrNull(8),
        r.GetBoolean(9),
        r.GetTime(10),
        r.GetTimeOrNull(11),
        r.GetTimeOrNull(12),
        r.GetInt64(13),
        r.GetInt64(14),
        r.GetInt64(15));

    /// <summary>Maps a row of <see cref="SelectTail"/>.</summary>
    public static ToolOutputChunkRow ReadChunk(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetEnum<ToolOutputStream>(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetTime(5));
}
