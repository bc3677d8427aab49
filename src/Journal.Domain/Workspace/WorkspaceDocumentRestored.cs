using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>A soft-deleted document came back at its path.</summary>
/// <param name="Path">The path it holds again.</param>
/// <param name="At">When.</param>
[EventType("workspace.document_restored.v1")]
public sealed record WorkspaceDocumentRestored(Guid DocumentId, string Path, DateTimeOffset At) : IWorkspaceDocumentEvent;
