using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>Creates a document and claims its path in the same append, so two live documents never share a path.</summary>
/// <param name="DocumentId">The new document's id (a new one when null).</param>
/// <param name="Path">Its relative path; <c>a//b</c>, <c>./a/b</c> and <c>a\b</c> all name <c>a/b</c>.</param>
/// <param name="Content">Its content; may be empty, not null.</param>
public sealed record CreateWorkspaceDocumentRequest(Guid? DocumentId, string Path, string Content) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CreateWorkspaceDocumentRequest"/>.</summary>
public sealed class CreateWorkspaceDocumentHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CreateWorkspaceDocumentRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CreateWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var command = new CreateWorkspaceDocument(request.DocumentId ?? Guid.CreateVersion7(now), request.Path, request.Content, now);
        return aggregates.ExecuteAsync(request, WorkspaceDocumentDecider.StreamFor(command.DocumentId), (load, ct) => WorkspacePathChange.DecideAsync(load, command, ct), cancellationToken);
    }
}
