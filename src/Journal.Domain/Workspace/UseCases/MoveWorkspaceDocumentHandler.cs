using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Moves a live document: releases the old path, claims the new one and records the move, in one
/// append. A move to the path it already has writes nothing.
/// </summary>
/// <param name="DocumentId">The document.</param>
/// <param name="NewPath">The new relative path.</param>
public sealed record MoveWorkspaceDocumentRequest(Guid DocumentId, string NewPath) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="MoveWorkspaceDocumentRequest"/>.</summary>
public sealed class MoveWorkspaceDocumentHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<MoveWorkspaceDocumentRequest, CommandResult>
{
    /// <inheritdoc />
    public async Task<CommandResult> Handle(MoveWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stream = WorkspaceDocumentDecider.StreamFor(request.DocumentId);
        var document = await aggregates.LoadAsync<WorkspaceDocumentState, IWorkspaceDocumentEvent>(stream, WorkspaceDocumentDecider.Initial, WorkspaceDocumentDecider.Evolve, cancellationToken);
        var events = WorkspaceDocumentDecider.Decide(new MoveWorkspaceDocument(request.DocumentId, request.NewPath, now), document.State);
        if (events is not [WorkspaceDocumentMoved moved])
        {
            return new CommandResult(stream.Value, document.Version, document.Position, 0);
        }

        var release = await aggregates.DecidePathAsync(new ReleaseWorkspacePath(moved.FromPath, request.DocumentId, now), cancellationToken);
        var claim = await aggregates.DecidePathAsync(new ClaimWorkspacePath(moved.ToPath, request.DocumentId, now), cancellationToken);
        var changes = new AggregateChange(stream, document.Version, [.. events], Fold.All(document.State, events, WorkspaceDocumentDecider.Evolve)).With(release, claim);
        return await aggregates.SaveAsync(changes, request, cancellationToken);
    }
}
