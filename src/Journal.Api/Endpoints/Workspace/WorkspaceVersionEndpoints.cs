using Journal.Projections.Querying;
using Journal.Projections.Workspace;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Workspace;

/// <summary>A document's content versions, and full-text search over the latest content.</summary>
internal static class WorkspaceVersionEndpoints
{
    public static void MapWorkspaceVersionQueries(this IEndpointRouteBuilder app)
    {
        var documents = app.QueryGroup("/v1/workspace/documents", "Workspace");
        documents.MapGet("/{documentId}/versions", ListWorkspaceDocumentVersions).WithName(nameof(ListWorkspaceDocumentVersions));
        documents.MapGet("/{documentId}/versions/{version}", GetWorkspaceDocumentVersion).WithName(nameof(GetWorkspaceDocumentVersion));
        app.QueryGroup("/v1/workspace", "Workspace").MapGet("/search", SearchWorkspace).WithName(nameof(SearchWorkspace));
    }

    internal static async Task<Ok<Page<DocumentVersionRow>>> ListWorkspaceDocumentVersions(
        Guid documentId, IMediator mediator, CancellationToken ct, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListDocumentVersionsQuery(documentId, cursor, limit, minPosition), ct));

    internal static async Task<Ok<DocumentVersion>> GetWorkspaceDocumentVersion(Guid documentId, long version, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetDocumentVersionQuery(documentId, version, minPosition), ct));

    /// <summary><c>q</c> is required; text without a word finds nothing.</summary>
    internal static async Task<Ok<Page<DocumentSearchHit>>> SearchWorkspace(string q, IMediator mediator, CancellationToken ct, string? pathPrefix = null, int? limit = null, long? minPosition = null)
    {
        if (q.Length > SearchDocumentsHandler.MaxTextLength)
        {
            throw new Domain.Errors.ValidationException("q", $"must be at most {SearchDocumentsHandler.MaxTextLength} characters");
        }

        return TypedResults.Ok(new Page<DocumentSearchHit>(await mediator.Send(new SearchDocumentsQuery(q, pathPrefix, limit, minPosition), ct), null));
    }
}
