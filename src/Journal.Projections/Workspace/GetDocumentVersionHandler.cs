using System.Globalization;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Workspace;

/// <summary>One version of a document, with its content.</summary>
/// <param name="Version">The version, from 1.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetDocumentVersionQuery(Guid DocumentId, long Version, long? MinPosition = null) : IRequest<DocumentVersion>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [WorkspaceProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetDocumentVersionQuery"/>.</summary>
public sealed class GetDocumentVersionHandler(ReadModelStore readModels) : IRequestHandler<GetDocumentVersionQuery, DocumentVersion>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>workspace_version.not_found</c>: no such document or version in the read model.</exception>
    public Task<DocumentVersion> Handle(GetDocumentVersionQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.DocumentId);
        using var connection = readModels.OpenReader();
        return Task.FromResult(
            ReadModelQueries.Row(connection, WorkspaceSql.SelectVersion, WorkspaceSql.ReadVersion, ("$document_id", id), ("$version", request.Version))
            ?? throw new NotFoundException("workspace_version", $"{id}@{request.Version.ToString(CultureInfo.InvariantCulture)}"));
    }
}
