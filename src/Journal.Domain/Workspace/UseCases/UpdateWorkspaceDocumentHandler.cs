using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>Replaces a live document's content with a new version; the same content again writes nothing.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Content">The new content; may be empty, not null.</param>
/// <param name="ExpectedVersion">
/// When given, the content version the editor started from (<see cref="WorkspaceDocumentState.Version"/>,
/// which moves do not change); another current version is refused with <c>workspace.version_conflict</c>.
/// </param>
public sealed record UpdateWorkspaceDocumentRequest(Guid DocumentId, string Content, long? ExpectedVersion = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="UpdateWorkspaceDocumentRequest"/>.</summary>
public sealed class UpdateWorkspaceDocumentHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<UpdateWorkspaceDocumentRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(UpdateWorkspaceDocumentRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, WorkspaceDocumentDecider.Value, new UpdateWorkspaceDocument(request.DocumentId, request.Content, request.ExpectedVersion, time.GetUtcNow()), cancellationToken);
}
