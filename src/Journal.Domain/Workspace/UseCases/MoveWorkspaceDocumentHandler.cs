using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Moves a live document: releases the old path, claims the new one and records the move, in one
/// append. A move to the path it already has writes nothing.
/// </summary>
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
    public Task<CommandResult> Handle(MoveWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var command = new MoveWorkspaceDocument(request.DocumentId, request.NewPath, time.GetUtcNow());
        return aggregates.ExecuteAsync(request, WorkspaceDocumentDecider.StreamFor(request.DocumentId), (load, ct) => WorkspacePathChange.DecideAsync(load, command, ct), cancellationToken);
    }
}
