using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>A document moved to another path.</summary>
/// <param name="FromPath">The old normalized path.</param>
/// <param name="ToPath">The new normalized path.</param>
/// <param name="At">When.</param>
[EventType("workspace.document_moved.v1")]
public sealed record WorkspaceDocumentMoved(Guid DocumentId, string FromPath, string ToPath, DateTimeOffset At) : IWorkspaceDocumentEvent;
