namespace Journal.Domain.Workspace;

/// <summary>Replaces a document's content; the same content again changes nothing.</summary>
/// <param name="Content">The new content.</param>
/// <param name="ExpectedVersion">When given, the version the editor started from; a different current version is refused.</param>
/// <param name="At">The current time.</param>
public sealed record UpdateWorkspaceDocument(Guid DocumentId, string Content, long? ExpectedVersion, DateTimeOffset At) : WorkspaceDocumentCommand(DocumentId, At);
