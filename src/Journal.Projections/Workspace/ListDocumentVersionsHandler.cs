using System.Globalization;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Workspace;

/// <summary>Lists the versions of a document, newest first, without their content.</summary>
/// <param name="DocumentId">The document.</param>
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
    private const string Listing = "workspace.versions";

    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad cursor or limit.</exception>
    /// <exception cref="NotFoundException"><c>workspace.not_found</c>: no such document in the read model.</exception>
    public Task<Page<DocumentVersionRow>> Handle(ListDocumentVersionsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var id = ReadModelValues.Id(request.DocumentId);
        var before = PageCursor.BeforeVersion(request.Cursor, Listing, id);

        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        if (ReadModelQueries.Rows(transaction, WorkspaceSql.DocumentExists, r => r.GetInt64(0), ("$document_id", id)) is not [> 0])
        {
            throw new NotFoundException("workspace", id);
        }

        var rows = ReadModelQueries.Rows(
            transaction,
            WorkspaceSql.SelectVersions,
            WorkspaceSql.ReadVersionRow,
            ("$document_id", id),
            ("$before_version", before),
            ("$limit", limit + 1));
        return Task.FromResult(ReadModelQueries.ToPage(rows, limit, Listing, v => [id, v.Version.ToString(CultureInfo.InvariantCulture)]));
    }
}
