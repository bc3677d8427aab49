namespace Journal.Domain.Workspace;

/// <summary>Creates a document; the handler claims its path in the same append.</summary>
/// <param name="DocumentId">The new document's id, chosen by the caller.</param>
/// <param name="Path">Its path (normalized by the decider).</param>
/// <param name="Content">Its content; may be empty, not null.</param>
/// <param name="At">The current time.</param>
public sealed record CreateWorkspaceDocument(Guid DocumentId, string Path, string Content, DateTimeOffset At) : WorkspaceDocumentCommand(DocumentId, At);
