namespace Journal.Domain.Workspace;

/// <summary>Releases a path a document holds (move away, delete).</summary>
/// <param name="DocumentId">The document that must hold it.</param>
/// <param name="At">The current time.</param>
public sealed record ReleaseWorkspacePath(string Path, Guid DocumentId, DateTimeOffset At) : WorkspacePathCommand(Path, DocumentId, At);
