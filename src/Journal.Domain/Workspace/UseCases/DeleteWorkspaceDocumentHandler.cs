using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Soft-deletes a live document and releases its path in the same append: its versions stay on the
/// tape, another document may take the path, and the document can be restored while the path is free.
/// </summary>
/// <param name="DocumentId">The document.</param>
public sealed record DeleteWorkspaceDocumentRequest(Guid DocumentId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="DeleteWorkspaceDocumentRequest"/>.</summary>
public sealed class DeleteWorkspaceDocumentHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<DeleteWorkspaceDocumentRequest, CommandResult>
{
    /// <inheritdoc />
    public async Task<CommandResult> Handle(DeleteWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stream = WorkspaceDocumentDecider.StreamFor(request.DocumentId);
        var document = await aggregates.LoadAsync<WorkspaceDocumentState, IWorkspaceDocumentEvent>(stream, WorkspaceDocumentDecider.Initial, WorkspaceDocumentDecider.Evolve, cancellationToken);
        var events = WorkspaceDocumentDecider.Decide(new DeleteWorkspaceDocument(request.DocumentId, now), document.State);
        var after = Fold.All(document.State, events, WorkspaceDocumentDecider.Evolve);
        var release = await aggregates.DecidePathAsync(new ReleaseWorkspacePath(document.State.Path, request.DocumentId, now), cancellationToken);
        var changes = new AggregateChange(stream, document.Version, [.. events], after).With(release);
        return await aggregates.SaveAsync(changes, request, cancellationToken);
    }
}
