using Journal.Domain.Tape;

namespace Journal.Domain.Workspace;

/// <summary>A document took a path; no other active document may take it until it is released.</summary>
/// <param name="Path">The normalized path.</param>
/// <param name="DocumentId">The document holding it.</param>
/// <param name="At">When.</param>
[EventType("workspacepath.claimed.v1")]
public sealed record WorkspacePathClaimed(string Path, Guid DocumentId, DateTimeOffset At) : IWorkspacePathEvent;
