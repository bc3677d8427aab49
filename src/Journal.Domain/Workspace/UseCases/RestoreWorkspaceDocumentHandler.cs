using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Restores a soft-deleted document at the path it had, claiming the path again in the same append;
/// refused with <c>workspace.path_taken</c> when another live document holds that path now.
/// </summary>
public sealed record RestoreWorkspaceDocumentRequest(Guid DocumentId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RestoreWorkspaceDocumentRequest"/>.</summary>
public sealed class RestoreWorkspaceDocumentHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RestoreWorkspaceDocumentRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RestoreWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var command = new RestoreWorkspaceDocument(request.DocumentId, time.GetUtcNow());
        return aggregates.ExecuteAsync(request, WorkspaceDocumentDecider.StreamFor(request.DocumentId), (load, ct) => WorkspacePathChange.DecideAsync(load, command, ct), cancellationToken);
    }
}
