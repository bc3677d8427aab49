using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Workspace;

/// <summary>Lists workspace documents ordered by path, optionally only those under a path prefix.</summary>
/// <param name="PathPrefix">Only documents whose path starts with this text (plain text, no wildcards), when given.</param>
/// <param name="IncludeDeleted">Whether soft-deleted documents are listed too.</param>
/// <param name="Cursor">The <see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to <see cref="PageCursor.MaxLimit"/> (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListDocumentsQuery(
    string? PathPrefix = null,
    bool IncludeDeleted = false,
    string? Cursor = null,
    int? Limit = null,
    long? MinPosition = null) : IRequest<Page<WorkspaceDocumentRow>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [WorkspaceProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListDocumentsQuery"/>.</summary>
public sealed class ListDocumentsHandler(ReadModelStore readModels) : IRequestHandler<ListDocumentsQuery, Page<WorkspaceDocumentRow>>
{
    private const string Listing = "workspace.documents";

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor, limit or prefix.</exception>
    public Task<Page<WorkspaceDocumentRow>> Handle(ListDocumentsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var after = PageCursor.Decode(request.Cursor, Listing, 2);
        var prefix = WorkspaceQueryInput.PathPrefix(request.PathPrefix);
        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(
            connection,
            WorkspaceSql.SelectDocuments,
            WorkspaceSql.ReadDocument,
            ("$path_prefix", prefix),
            ("$include_deleted", request.IncludeDeleted),
            ("$after_path", after?[0]),
            ("$after_document_id", after?[1]),
            ("$limit", limit + 1));
        return Task.FromResult(ReadModelQueries.ToPage(rows, limit, Listing, d => [d.Path, ReadModelValues.Id(d.DocumentId)]));
    }
}
