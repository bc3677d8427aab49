using Journal.Api.Endpoints.Commands;
using Journal.Domain.Workspace;
using Journal.Domain.Workspace.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Workspace;

/// <summary>Workspace document commands: create, update, move, delete (soft), restore.</summary>
internal static class WorkspaceCommandEndpoints
{
    public static void MapWorkspaceCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/workspace/documents", "Workspace");
        group.MapPost("/", CreateWorkspaceDocument).WithName(nameof(CreateWorkspaceDocument));
        group.MapPut("/{documentId}", UpdateWorkspaceDocument).WithName(nameof(UpdateWorkspaceDocument));
        group.MapPost("/{documentId}/move", MoveWorkspaceDocument).WithName(nameof(MoveWorkspaceDocument));
        group.MapDelete("/{documentId}", DeleteWorkspaceDocument).WithName(nameof(DeleteWorkspaceDocument));
        group.MapPost("/{documentId}/restore", RestoreWorkspaceDocument).WithName(nameof(RestoreWorkspaceDocument));
    }

    internal static async Task<Created<CommandResponse>> CreateWorkspaceDocument(CreateWorkspaceDocumentBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http, null, context => new CreateWorkspaceDocumentRequest(body.DocumentId, body.Path, body.Content) { Context = context }, ct);
        return TypedResults.Created($"/v1/workspace/documents/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    internal static async Task<Ok<CommandResponse>> UpdateWorkspaceDocument(Guid documentId, UpdateWorkspaceDocumentBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new UpdateWorkspaceDocumentRequest(documentId, body.Content, body.ExpectedVersion) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> MoveWorkspaceDocument(Guid documentId, MoveWorkspaceDocumentBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new MoveWorkspaceDocumentRequest(documentId, body.NewPath) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> DeleteWorkspaceDocument(Guid documentId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new DeleteWorkspaceDocumentRequest(documentId) { Context = context }, ct));

    internal static async Task<Ok<CommandResponse>> RestoreWorkspaceDocument(Guid documentId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new RestoreWorkspaceDocumentRequest(documentId) { Context = context }, ct));
}
