namespace Journal.Domain.Workspace;

/// <summary>Which document holds a path.</summary>
/// <param name="Path">The normalized path (null before the first claim).</param>
/// <param name="HeldBy">The document holding it, or null when free.</param>
public sealed record WorkspacePathState(string? Path, Guid? HeldBy);
