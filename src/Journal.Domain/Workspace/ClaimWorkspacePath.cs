namespace Journal.Domain.Workspace;

/// <summary>Claims a path for a document (create, move in, restore); again for the same document changes nothing.</summary>
/// <param name="At">The current time.</param>
public sealed record ClaimWorkspacePath(string Path, Guid DocumentId, DateTimeOffset At) : WorkspacePathCommand(Path, DocumentId, At);
