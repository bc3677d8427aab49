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
        var documents = app.QueryGroup("/v1/workspace/documents", FeatureTags.Workspace);
        documents.MapGet("/{documentId}/versions", ListWorkspaceDocumentVersions).WithName(nameof(ListWorkspaceDocumentVersions));
        documents.MapGet("/{documentId}/versions/{version}", GetWorkspaceDocumentVersion).WithName(nameof(GetWorkspaceDocumentVersion));
        app.QueryGroup("/v1/workspace", FeatureTags.Workspace).MapGet("/search", SearchWorkspace).WithName(nameof(SearchWorkspace));
    }

    /// <summary>List a document's content versions</summary>
    /// <remarks>
    /// Newest first, without content: each version's SHA-256, size, time and position. 404 for an unknown document.
    /// Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<DocumentVersionRow>>> ListWorkspaceDocumentVersions(
        Guid documentId, IMediator mediator, CancellationToken ct, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListDocumentVersionsQuery(documentId, cursor, limit, minPosition), ct));

    /// <summary>Get one content version of a document</summary>
    /// <remarks>
    /// The content as it was at content version <c>version</c>. 404 <c>workspace_version.not_found</c>.
    /// </remarks>
    internal static async Task<Ok<DocumentVersion>> GetWorkspaceDocumentVersion(Guid documentId, long version, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetDocumentVersionQuery(documentId, version, minPosition), ct));

    /// <summary>Search the workspace</summary>
    /// <remarks>
    /// Full-text search over the latest content of active documents, best first, each hit with a snippet around the
    /// matches. Every word of <c>q</c> (required, at most 1000 characters) must occur; <c>q</c> is plain words, never
    /// query syntax, and text without a word finds nothing. At most <c>limit</c> hits (default 20; not paged).
    /// </remarks>
    internal static async Task<Ok<Page<DocumentSearchHit>>> SearchWorkspace(string q, IMediator mediator, CancellationToken ct, string? pathPrefix = null, int? limit = null, long? minPosition = null)
    {
        if (q.Length > SearchDocumentsHandler.MaxTextLength)
        {
            throw new Domain.Errors.ValidationException("q", $"must be at most {SearchDocumentsHandler.MaxTextLength} characters");
        }

        return TypedResults.Ok(new Page<DocumentSearchHit>(await mediator.Send(new SearchDocumentsQuery(q, pathPrefix, limit, minPosition), ct), null));
    }
}
