using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Workspace;

/// <summary>One workspace document with its latest content (a deleted one too, marked deleted).</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetDocumentQuery(Guid DocumentId, long? MinPosition = null) : IRequest<WorkspaceDocumentView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [WorkspaceProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetDocumentQuery"/>.</summary>
public sealed class GetDocumentHandler(ReadModelStore readModels) : IRequestHandler<GetDocumentQuery, WorkspaceDocumentView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>workspace.not_found</c>: no such document in the read model.</exception>
    public Task<WorkspaceDocumentView> Handle(GetDocumentQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.DocumentId);
        using var connection = readModels.OpenReader();
        return Task.FromResult(
            ReadModelQueries.Row(connection, WorkspaceSql.SelectDocument, WorkspaceSql.ReadView, ("$document_id", id))
            ?? throw new NotFoundException("workspace", id));
    }
}
