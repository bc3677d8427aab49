namespace Journal.Domain.Workspace;

/// <summary>Soft-deletes a document; the handler releases its path's claim in the same append.</summary>
/// <param name="At">The current time.</param>
public sealed record DeleteWorkspaceDocument(Guid DocumentId, DateTimeOffset At) : WorkspaceDocumentCommand(DocumentId, At);
