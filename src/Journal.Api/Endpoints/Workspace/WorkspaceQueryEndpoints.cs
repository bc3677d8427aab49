using Journal.Api.Endpoints.Commands;
using Journal.Api.Endpoints.Queries;
using Journal.Domain.Tape;
using Journal.Domain.Workspace;
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
        var group = app.QueryGroup("/v1/workspace/documents", "Workspace");
        group.MapGet("/", ListWorkspaceDocuments).WithName(nameof(ListWorkspaceDocuments));
        group.MapGet("/{documentId}", GetWorkspaceDocument).WithName(nameof(GetWorkspaceDocument));
        group.MapGet("/{documentId}/at", GetWorkspaceDocumentAt).WithName(nameof(GetWorkspaceDocumentAt));
    }

    internal static async Task<Ok<Page<WorkspaceDocumentRow>>> ListWorkspaceDocuments(
        IMediator mediator, CancellationToken ct, string? pathPrefix = null, bool? includeDeleted = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListDocumentsQuery(pathPrefix, includeDeleted ?? false, cursor, limit, minPosition), ct));

    internal static async Task<Ok<WorkspaceDocumentView>> GetWorkspaceDocument(Guid documentId, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct, long? minPosition = null)
    {
        var mark = await StreamMark.ReadAsync(tape, WorkspaceDocumentDecider.StreamFor(documentId), ct);
        var document = await mediator.Send(new GetDocumentQuery(documentId, mark.Wait(minPosition)), ct);
        http.Response.Headers.ETag = ETags.Format(document.Document.StreamVersion);
        return TypedResults.Ok(document);
    }

    internal static async Task<Ok<WorkspaceDocumentView>> GetWorkspaceDocumentAt(Guid documentId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetDocumentAtQuery(documentId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));
}
