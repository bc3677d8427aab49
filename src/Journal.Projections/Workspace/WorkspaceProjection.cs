using Journal.Domain.Workspace;
using Journal.Projections.Runtime;
using static Journal.Projections.Shared.ReadModelValues;

namespace Journal.Projections.Workspace;

/// <summary>
/// <c>workspace.v1</c>: one row per document (<c>workspace_v1_documents</c>, kept by
/// <see cref="WorkspaceDocumentFold"/>), every version's content (<c>workspace_v1_versions</c>) and an
/// FTS5 index of the latest content of active documents (<c>workspace_v1_fts</c>): a document leaves
/// the index when deleted and comes back when restored. A document's row and latest content as last
/// written are kept in a cache (no read-back per event); a new document's row is inserted at once (its
/// <c>doc_rowid</c> keys the index), later writes of the row and of its index entry once per batch.
/// </summary>
public sealed class WorkspaceProjection() : SingleStreamProjection<WorkspaceDocumentView>(ProjectionName, Documents), IReplayFinisher
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "workspace.v1";

    /// <summary>Every event of a document, routed to its document.</summary>
    private static readonly EventRoutes<Guid> Documents = new EventRoutes<Guid>()
        .On<WorkspaceDocumentCreated>(e => e.DocumentId)
        .On<WorkspaceDocumentUpdated>(e => e.DocumentId)
        .On<WorkspaceDocumentMoved>(e => e.DocumentId)
        .On<WorkspaceDocumentDeleted>(e => e.DocumentId)
        .On<WorkspaceDocumentRestored>(e => e.DocumentId);

    /// <inheritdoc />
    public override void Create(ReadModelWriter db) => db.ExecuteScript(WorkspaceSql.Create);

    /// <inheritdoc />
    public override WorkspaceDocumentView? Evolve(WorkspaceDocumentView? row, ProjectedEvent e) => WorkspaceDocumentFold.Apply(row, e);

    /// <inheritdoc />
    protected override long SizeOf(WorkspaceDocumentView row) => CacheSizes.SmallRow + CacheSizes.Text(row.Document.Path) + CacheSizes.Text(row.Content);

    /// <inheritdoc />
    protected override WorkspaceDocumentView? Load(ReadModelWriter db, Guid key) =>
        db.Query(WorkspaceSql.SelectDocument, WorkspaceSql.ReadView, ("$document_id", Id(key))) is [var view] ? view : null;

    /// <inheritdoc />
    protected override void Write(ReadModelWriter db, Guid key, WorkspaceDocumentView? before, WorkspaceDocumentView after, ProjectedEvent e)
    {
        var id = Id(key);
        var d = after.Document;
        (string Name, object? Value)[] row =
        [
            ("$document_id", id),
            ("$path", d.Path),
            ("$status", d.Status.ToString()),
            ("$version", d.Version),
            ("$content_sha256", d.ContentSha256),
            ("$size_bytes", d.SizeBytes),
            ("$created_at", Ms(d.CreatedAt)),
            ("$updated_at", Ms(d.UpdatedAt)),
            ("$stream_version", d.StreamVersion),
            ("$last_position", d.LastPosition),
        ];

        if (before is null)
        {
            // The index below finds the document by its row: a new row must exist before it.
            db.Execute(WorkspaceSql.UpsertDocument, row);
        }
        else
        {
            db.Upsert(WorkspaceSql.UpsertDocument, id, row);
        }

        var newVersion = before is null || before.Document.Version != d.Version;
        if (newVersion)
        {
            db.Execute(
                WorkspaceSql.InsertVersion,
                ("$document_id", id),
                ("$version", d.Version),
                ("$content", after.Content),
                ("$content_sha256", d.ContentSha256),
                ("$size_bytes", d.SizeBytes),
                ("$at", Ms(d.UpdatedAt)),
                ("$position", e.Seq));
        }

        // Only content and liveness matter to the index; a move leaves it as it is. A rebuild's replay
        // indexes every document once, at the end (FinishReplay), instead of once per batch it changed in.
        if (!db.Replaying && (newVersion || before!.Document.Status != d.Status))
        {
            // The entry follows the document's latest content and status: only the last one of a batch counts.
            db.Upsert(
                WorkspaceSql.ReplaceFts,
                id,
                [("$document_id", id), ("$content", after.Content), ("$active", d.Status == WorkspaceDocumentStatus.Active)]);
        }
    }

    /// <inheritdoc />
    public void FinishReplay(ReadModelWriter db) => db.ExecuteScript(WorkspaceSql.IndexAll);
}
