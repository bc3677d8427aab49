using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>A document was soft-deleted: its versions stay on the tape and it can be restored.</summary>
/// <param name="Path">The path it held (now free).</param>
/// <param name="At">When.</param>
[EventType("workspace.document_deleted.v1")]
public sealed record WorkspaceDocumentDeleted(Guid DocumentId, string Path, DateTimeOffset At) : IWorkspaceDocumentEvent;
