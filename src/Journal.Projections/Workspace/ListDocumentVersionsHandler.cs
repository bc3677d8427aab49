using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Workspace;

/// <summary>Lists the versions of a document, newest first, without their content.</summary>
/// <param name="Cursor">The <see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to <see cref="PageCursor.MaxLimit"/> (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListDocumentVersionsQuery(Guid DocumentId, string? Cursor = null, int? Limit = null, long? MinPosition = null)
    : IRequest<Page<DocumentVersionRow>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [WorkspaceProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListDocumentVersionsQuery"/>.</summary>
public sealed class ListDocumentVersionsHandler(ReadModelStore readModels) : IRequestHandler<ListDocumentVersionsQuery, Page<DocumentVersionRow>>
{
    private static readonly VersionListing<DocumentVersionRow> Versions = new("workspace.versions", "workspace", WorkspaceSql.SelectVersions, WorkspaceSql.ReadVersionRow, v => v.Version);

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor or limit.</exception>
    /// <exception cref="NotFoundException"><c>workspace.not_found</c>: no such document in the read model.</exception>
    public Task<Page<DocumentVersionRow>> Handle(ListDocumentVersionsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(Versions.Read(readModels, request.DocumentId, request.Cursor, request.Limit));
}
