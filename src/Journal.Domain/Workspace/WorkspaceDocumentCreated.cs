using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>A document was created: its version 1.</summary>
/// <param name="Path">Its normalized path.</param>
/// <param name="Content">Its content.</param>
/// <param name="ContentSha256">SHA-256 of the content's UTF-8 bytes, lower-case hex.</param>
/// <param name="Version">Always 1.</param>
/// <param name="At">When.</param>
[EventType("workspace.document_created.v1")]
public sealed record WorkspaceDocumentCreated(Guid DocumentId, string Path, string Content, string ContentSha256, long Version, DateTimeOffset At)
    : IWorkspaceDocumentEvent;
