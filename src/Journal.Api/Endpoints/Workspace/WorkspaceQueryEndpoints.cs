using Journal.Api.Endpoints.Queries;
using Journal.Projections.Querying;
using Journal.Projections.Workspace;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Workspace;

/// <summary>The workspace read model: documents by path prefix, one document with content, time travel.</summary>
internal static class WorkspaceQueryEndpoints
{
    public static void MapWorkspaceQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/workspace/documents", FeatureTags.Workspace);
        group.MapGet("/", ListWorkspaceDocuments).WithName(nameof(ListWorkspaceDocuments));
        group.MapGet("/{documentId}", GetWorkspaceDocument).WithName(nameof(GetWorkspaceDocument));
        group.MapGet("/{documentId}/at", GetWorkspaceDocumentAt).WithName(nameof(GetWorkspaceDocumentAt));
    }

    /// <summary>List workspace documents</summary>
    /// <remarks>
    /// In path order, without content. <c>pathPrefix</c> is plain text (no wildcards); deleted documents only with
    /// <c>includeDeleted</c>. Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<WorkspaceDocumentRow>>> ListWorkspaceDocuments(
        IMediator mediator, CancellationToken ct, string? pathPrefix = null, bool? includeDeleted = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListDocumentsQuery(pathPrefix, includeDeleted ?? false, cursor, limit, minPosition), ct));

    /// <summary>Get a document and its content</summary>
    /// <remarks>
    /// A deleted one too (status <c>Deleted</c>). <c>ETag</c> is its stream version (moves, deletes and restores
    /// count); <c>version</c> is the content version. Answers from the read model alone (it does not wait unless given <c>minPosition</c>), with <c>ETag</c> and
    /// <c>X-Journal-Position</c> from the row.
    /// </remarks>
    internal static async Task<Ok<WorkspaceDocumentView>> GetWorkspaceDocument(Guid documentId, HttpContext http, IMediator mediator, CancellationToken ct, long? minPosition = null)
    {
        var document = await mediator.Send(new GetDocumentQuery(documentId, minPosition), ct);
        ReadModelHeaders.Set(http, document.Document.StreamVersion, document.Document.LastPosition);
        return TypedResults.Ok(document);
    }

    /// <summary>Read a document as it was</summary>
    /// <remarks>
    /// Time travel, with the content as it was: folds the document's stream up to <c>version</c> (its stream version)
    /// and/or <c>position</c> (a tape position); neither gives the current state. 404 when it did not exist yet at
    /// that point.
    /// </remarks>
    internal static async Task<Ok<WorkspaceDocumentView>> GetWorkspaceDocumentAt(Guid documentId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetDocumentAtQuery(documentId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));
}
