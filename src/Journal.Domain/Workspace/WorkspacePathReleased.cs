using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>A document gave a path up (moved away or deleted).</summary>
/// <param name="Path">The normalized path.</param>
/// <param name="DocumentId">The document that held it.</param>
/// <param name="At">When.</param>
[EventType("workspacepath.released.v1")]
public sealed record WorkspacePathReleased(string Path, Guid DocumentId, DateTimeOffset At) : IWorkspacePathEvent;
