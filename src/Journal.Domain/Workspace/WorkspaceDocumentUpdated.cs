using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>A document's content changed: a new version, kept in full (the events are the versions).</summary>
/// <param name="Content">The new content.</param>
/// <param name="ContentSha256">SHA-256 of the content's UTF-8 bytes, lower-case hex.</param>
/// <param name="Version">The new version number.</param>
/// <param name="At">When.</param>
[EventType("workspace.document_updated.v1")]
public sealed record WorkspaceDocumentUpdated(Guid DocumentId, string Content, string ContentSha256, long Version, DateTimeOffset At)
    : IWorkspaceDocumentEvent;
