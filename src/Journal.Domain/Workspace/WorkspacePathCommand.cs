namespace Journal.Domain.Workspace;

/// <summary>A command decided by <see cref="WorkspacePathDecider"/>.</summary>
/// <param name="Path">The path (normalized by the decider).</param>
/// <param name="DocumentId">The document claiming or releasing it.</param>
/// <param name="At">The current time.</param>
public abstract record WorkspacePathCommand(string Path, Guid DocumentId, DateTimeOffset At);
