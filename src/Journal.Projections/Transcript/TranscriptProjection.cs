using Journal.Domain.Transcript;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;

namespace Journal.Projections.Transcript;

/// <summary><c>transcript.v1</c>: every transcript entry, in <c>transcript_v1_entries</c>, with its tape position and time.</summary>
public sealed class TranscriptProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "transcript.v1";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } = ["transcript.entry_appended.v1"];

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(TranscriptRows.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case TranscriptEntryAppended entry:
                db.Execute(
                    TranscriptRows.Insert,
                    ("$session_id", ReadModelValues.Id(entry.SessionId)),
                    ("$sequence", entry.Sequence),
                    ("$entry_id", ReadModelValues.Id(entry.EntryId)),
                    ("$kind", entry.Kind.ToString()),
                    ("$text", entry.Text),
                    ("$run_id", ReadModelValues.Id(entry.RunId)),
                    ("$tool_name", entry.ToolName),
                    ("$position", e.Seq),
                    ("$recorded_at", e.RecordedAt));
                break;
        }
    }
}
