namespace Journal.Domain.Workspace;

/// <summary>A command decided by <see cref="WorkspaceDocumentDecider"/>.</summary>
/// <param name="DocumentId">The document the command is about.</param>
/// <param name="At">The current time.</param>
public abstract record WorkspaceDocumentCommand(Guid DocumentId, DateTimeOffset At);
