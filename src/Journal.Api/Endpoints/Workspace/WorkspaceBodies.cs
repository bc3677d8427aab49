namespace Journal.Api.Endpoints.Workspace;

/// <summary>Body of <c>POST /v1/workspace/documents</c>.</summary>
/// <param name="Path">Its relative path.</param>
/// <param name="Content">Its content; may be empty.</param>
/// <param name="DocumentId">The new document's id; the journal picks one when left out.</param>
public sealed record CreateWorkspaceDocumentBody(string Path, string Content, Guid? DocumentId = null);

/// <summary>Body of <c>PUT /v1/workspace/documents/{documentId}</c>.</summary>
/// <param name="Content">The new content; may be empty.</param>
/// <param name="ExpectedVersion">The content version the editor started from, optional (<c>workspace.version_conflict</c> otherwise).</param>
public sealed record UpdateWorkspaceDocumentBody(string Content, long? ExpectedVersion = null);

/// <summary>Body of <c>POST /v1/workspace/documents/{documentId}/move</c>.</summary>
/// <param name="NewPath">The new relative path.</param>
public sealed record MoveWorkspaceDocumentBody(string NewPath);
