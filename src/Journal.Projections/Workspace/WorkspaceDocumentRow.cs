using System.Text.Json.Serialization;

namespace Journal.Projections.Workspace;

/// <summary>Whether a workspace document is live.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkspaceDocumentStatus>))]
public enum WorkspaceDocumentStatus
{
    /// <summary>Live: holds its path and is searchable.</summary>
    Active,

    /// <summary>Soft-deleted: its versions are kept and it can be restored.</summary>
    Deleted,
}

/// <summary>One workspace document as the <c>workspace.v1</c> read model lists it (without content).</summary>
/// <param name="Path">Its normalized path.</param>
/// <param name="Status">Active or deleted.</param>
/// <param name="Version">The latest content version, from 1 (moves do not change it).</param>
/// <param name="ContentSha256">SHA-256 of the latest content, lower-case hex.</param>
/// <param name="SizeBytes">The latest content's size in UTF-8 bytes.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed in any way (content, path, deleted, restored).</param>
/// <param name="StreamVersion">The document stream's version this row reflects.</param>
/// <param name="LastPosition">The tape position of the last event this row reflects.</param>
public sealed record WorkspaceDocumentRow(
    Guid DocumentId,
    string Path,
    WorkspaceDocumentStatus Status,
    long Version,
    string ContentSha256,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long StreamVersion,
    long LastPosition);

/// <summary>A document with its latest content: what <see cref="WorkspaceDocumentFold"/> folds.</summary>
/// <param name="Document">The document's row.</param>
/// <param name="Content">Its latest content.</param>
public sealed record WorkspaceDocumentView(WorkspaceDocumentRow Document, string Content);

/// <summary>One version of a document, without its content.</summary>
/// <param name="Version">The version, from 1.</param>
/// <param name="ContentSha256">SHA-256 of its content, lower-case hex.</param>
/// <param name="SizeBytes">Its content's size in UTF-8 bytes.</param>
/// <param name="At">When it was written.</param>
/// <param name="Position">The tape position of the event that wrote it.</param>
public sealed record DocumentVersionRow(Guid DocumentId, long Version, string ContentSha256, long SizeBytes, DateTimeOffset At, long Position);

/// <summary>One version of a document, with its content.</summary>
/// <param name="Version">The version's row.</param>
/// <param name="Content">Its content.</param>
public sealed record DocumentVersion(DocumentVersionRow Version, string Content);

/// <summary>A full-text search hit.</summary>
/// <param name="Path">Its path.</param>
/// <param name="Version">The version searched (the latest).</param>
/// <param name="Score">Relevance (the negated bm25 rank): higher is better.</param>
/// <param name="Snippet">Text around the matches, each match wrapped in a <c>mark</c> HTML element.</param>
public sealed record DocumentSearchHit(Guid DocumentId, string Path, long Version, double Score, string Snippet);
