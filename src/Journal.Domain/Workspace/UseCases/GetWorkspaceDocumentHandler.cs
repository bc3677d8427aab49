using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Workspace.UseCases;

/// <summary>
/// Reads one document's state (path, content hash, version, whether deleted) from its own stream, so
/// it reflects every change already appended. A deleted document is returned, marked deleted.
/// </summary>
public sealed record GetWorkspaceDocumentRequest(Guid DocumentId) : IRequest<WorkspaceDocumentState>;

/// <summary>Handles <see cref="GetWorkspaceDocumentRequest"/>.</summary>
public sealed class GetWorkspaceDocumentHandler(IAggregateStore aggregates) : IRequestHandler<GetWorkspaceDocumentRequest, WorkspaceDocumentState>
{
    /// <inheritdoc />
    /// <exception cref="Errors.NotFoundException"><c>workspace.not_found</c>: no such document was created.</exception>
    public async Task<WorkspaceDocumentState> Handle(GetWorkspaceDocumentRequest request, CancellationToken cancellationToken)
    {
        var document = await aggregates.LoadAsync(WorkspaceDocumentDecider.Value, WorkspaceDocumentDecider.StreamFor(request.DocumentId), cancellationToken);
        return document.State.Exists ? document.State : throw Refuse.NotFound("workspace", request.DocumentId);
    }
}
