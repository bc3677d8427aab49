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
        r.Int64(Column.Sequence),
        r.GetId(Column.EntryId),
        r.GetEnum<TranscriptEntryKind>(Column.Kind),
        r.GetString(Column.Text),
        r.GetIdOrNull(Column.RunId),
        r.GetStringOrNull(Column.ToolName),
        r.Int64(Column.Position),
        r.GetTime(Column.RecordedAt));

    /// <summary>The columns of <see cref="ListAfter"/>, for the two readers of its rows (this and <see cref="TranscriptPageJson"/>).</summary>
    public static class Column
    {
        public const int Sequence = 0;
        public const int EntryId = 1;
        public const int Kind = 2;
        public const int Text = 3;
        public const int RunId = 4;
        public const int ToolName = 5;
        public const int Position = 6;
        public const int RecordedAt = 7;
    }
}
