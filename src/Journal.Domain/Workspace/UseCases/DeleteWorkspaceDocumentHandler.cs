using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Soft-deletes a live document and releases its path in the same append: its versions stay on the
/// tape, another document may take the path, and the document can be restored while the path is free.
/// </summary>
public sealed record DeleteWorkspaceDocumentRequest(Guid DocumentId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="DeleteWorkspaceDocumentRequest"/>.</summary>
public sealed class DeleteWorkspaceDocumentHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<DeleteWorkspaceDocumentRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(DeleteWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var command = new DeleteWorkspaceDocument(request.DocumentId, time.GetUtcNow());
        return aggregates.ExecuteAsync(request, WorkspaceDocumentDecider.StreamFor(request.DocumentId), (load, ct) => WorkspacePathChange.DecideAsync(load, command, ct), cancellationToken);
    }
}
