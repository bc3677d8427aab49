namespace Journal.Domain.Workspace;

/// <summary>Restores a soft-deleted document at its path; the handler claims the path again in the same append.</summary>
/// <param name="At">The current time.</param>
public sealed record RestoreWorkspaceDocument(Guid DocumentId, DateTimeOffset At) : WorkspaceDocumentCommand(DocumentId, At);
