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
public sealed class WorkspaceProjection : IProjection, IReplayFinisher
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "workspace.v1";

    private const string CacheName = "workspace_v1_documents";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "workspace.document_created.v1",
        "workspace.document_updated.v1",
        "workspace.document_moved.v1",
        "workspace.document_deleted.v1",
        "workspace.document_restored.v1",
    ];

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(WorkspaceSql.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case WorkspaceDocumentCreated x: Project(db, e, x.DocumentId); break;
            case WorkspaceDocumentUpdated x: Project(db, e, x.DocumentId); break;
            case WorkspaceDocumentMoved x: Project(db, e, x.DocumentId); break;
            case WorkspaceDocumentDeleted x: Project(db, e, x.DocumentId); break;
            case WorkspaceDocumentRestored x: Project(db, e, x.DocumentId); break;
        }
    }

    private static void Project(ReadModelWriter db, ProjectedEvent e, Guid documentId)
    {
        var id = Id(documentId);
        var cache = db.Cache<Guid, WorkspaceDocumentView>(CacheName);
        if (!cache.TryGet(documentId, out var before))
        {
            before = db.Query(WorkspaceSql.SelectDocument, WorkspaceSql.ReadView, ("$document_id", id)) is [var view] ? view : null;
        }

        if (WorkspaceDocumentFold.Apply(before, e) is not { } after)
        {
            return;
        }

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

        cache.Set(documentId, after);
    }

    /// <inheritdoc />
    public void FinishReplay(ReadModelWriter db) => db.ExecuteScript(WorkspaceSql.IndexAll);
}
