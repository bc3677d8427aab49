using Journal.Api.Endpoints.Commands;
using Journal.Domain.Tape;
using Journal.Domain.Workspace;
using Journal.Domain.Workspace.UseCases;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Workspace;

/// <summary>One document's state read from its own stream, with its stream version as <c>ETag</c>.</summary>
internal static class WorkspaceQueryEndpoints
{
    public static void MapWorkspaceQueries(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/workspace/documents", "Workspace").MapGet("/{documentId}", GetWorkspaceDocument).WithName(nameof(GetWorkspaceDocument));

    internal static async Task<Ok<WorkspaceDocumentState>> GetWorkspaceDocument(Guid documentId, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct)
    {
        var version = await tape.ReadStreamVersionAsync(WorkspaceDocumentDecider.StreamFor(documentId), ct);
        var document = await mediator.Send(new GetWorkspaceDocumentRequest(documentId), ct);
        http.Response.Headers.ETag = ETags.Format(version);
        return TypedResults.Ok(document);
    }
}
