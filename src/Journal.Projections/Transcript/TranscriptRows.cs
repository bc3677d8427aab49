using Journal.Domain.Transcript;
using Journal.Projections.Shared;
using Journal.Projections.Sql;
using Journal.EventStore.Storage;

namespace Journal.Projections.Transcript;

/// <summary>The statements of <c>transcript.v1</c> and how its rows map to <see cref="TranscriptEntryView"/>.</summary>
internal static class TranscriptRows
{
    public static readonly string Create = ProjectionSql.Load("Transcript/Create.sql");
    public static readonly string Insert = ProjectionSql.Load("Transcript/Insert.sql");
    public static readonly string ListAfter = ProjectionSql.Load("Transcript/ListAfter.sql");

    /// <summary>Maps a row of <see cref="ListAfter"/> of <paramref name="session"/>, read in place (the page a GET serves).</summary>
    public static TranscriptEntryView Read(NativeStatement r, Guid session) => new(
        session,
        r.Int64(0),
        r.GetId(1),
        r.GetEnum<TranscriptEntryKind>(2),
        r.GetString(3),
        r.GetIdOrNull(4),
        r.GetStringOrNull(5),
        r.Int64(6),
        r.GetTime(7));
}
