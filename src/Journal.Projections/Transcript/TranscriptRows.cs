using Journal.Domain.Transcript;
using Journal.Projections.Shared;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Transcript;

/// <summary>The statements of <c>transcript.v1</c> and how its rows map to <see cref="TranscriptEntryView"/>.</summary>
internal static class TranscriptRows
{
    public static readonly string Create = ProjectionSql.Load("Transcript/Create.sql");
    public static readonly string Insert = ProjectionSql.Load("Transcript/Insert.sql");
    public static readonly string ListAfter = ProjectionSql.Load("Transcript/ListAfter.sql");

    /// <summary>Maps a row of <see cref="ListAfter"/>.</summary>
    public static TranscriptEntryView Read(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetInt64(1),
        r.GetId(2),
        r.GetEnum<TranscriptEntryKind>(3),
        r.GetString(4),
        r.GetIdOrNull(5),
        r.GetStringOrNull(6),
        r.GetInt64(7),
        r.GetTime(8));
}
