namespace Journal.Domain.Workspace;

/// <summary>Moves a document; the handler releases the old path's claim and claims the new one in the same append.</summary>
/// <param name="NewPath">The new path (normalized by the decider).</param>
/// <param name="At">The current time.</param>
public sealed record MoveWorkspaceDocument(Guid DocumentId, string NewPath, DateTimeOffset At) : WorkspaceDocumentCommand(DocumentId, At);
