using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Restores a soft-deleted document at the path it had, claiming the path again in the same append;
/// refused with <c>workspace.path_taken</c> when another live document holds that path now.
/// </summary>
/// <param name="DocumentId">The document.</param>
public sealed record RestoreWorkspaceDocumentRequest(Guid DocumentId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RestoreWorkspaceDocumentRequest"/>.</summary>
public sealed class RestoreWorkspaceDocumentHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RestoreWorkspaceDocumentRequest, CommandResult>
{
    /// <inheritdoc />
    public async Task<CommandResult> Handle(RestoreWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stream = WorkspaceDocumentDecider.StreamFor(request.DocumentId);
        var document = await aggregates.LoadAsync<WorkspaceDocumentState, IWorkspaceDocumentEvent>(stream, WorkspaceDocumentDecider.Initial, WorkspaceDocumentDecider.Evolve, cancellationToken);
        var events = WorkspaceDocumentDecider.Decide(new RestoreWorkspaceDocument(request.DocumentId, now), document.State);
        var after = Fold.All(document.State, events, WorkspaceDocumentDecider.Evolve);
        var claim = await aggregates.DecidePathAsync(new ClaimWorkspacePath(after.Path, request.DocumentId, now), cancellationToken);
        var changes = new AggregateChange(stream, document.Version, [.. events], after).With(claim);
        return await aggregates.SaveAsync(changes, request, cancellationToken);
    }
}
