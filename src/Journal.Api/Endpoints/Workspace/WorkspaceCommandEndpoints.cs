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
        var group = app.CommandGroup("/v1/workspace/documents", FeatureTags.Workspace);
        group.MapPost("/", CreateWorkspaceDocument).WithName(nameof(CreateWorkspaceDocument));
        group.MapPut("/{documentId}", UpdateWorkspaceDocument).WithName(nameof(UpdateWorkspaceDocument));
        group.MapPost("/{documentId}/move", MoveWorkspaceDocument).WithName(nameof(MoveWorkspaceDocument));
        group.MapDelete("/{documentId}", DeleteWorkspaceDocument).WithName(nameof(DeleteWorkspaceDocument));
        group.MapPost("/{documentId}/restore", RestoreWorkspaceDocument).WithName(nameof(RestoreWorkspaceDocument));
    }

    /// <summary>Create a workspace document</summary>
    /// <remarks>
    /// A text document at a path no active document holds (422 <c>workspace.path_taken</c> otherwise). Answers 201
    /// with <c>Location</c>.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> CreateWorkspaceDocument(CreateWorkspaceDocumentBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http, null, context => new CreateWorkspaceDocumentRequest(body.DocumentId, body.Path, body.Content) { Context = context }, ct);
        return TypedResults.Created($"/v1/workspace/documents/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Replace a document's content</summary>
    /// <remarks>
    /// A new content version; <c>expectedVersion</c>, when given, is the content version it was edited from (409
    /// <c>workspace.version_conflict</c> otherwise).
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> UpdateWorkspaceDocument(Guid documentId, UpdateWorkspaceDocumentBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new UpdateWorkspaceDocumentRequest(documentId, body.Content, body.ExpectedVersion) { Context = context }, ct));

    /// <summary>Move a document</summary>
    /// <remarks>
    /// To <c>newPath</c>, which no active document may hold (422 <c>workspace.path_taken</c>).
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> MoveWorkspaceDocument(Guid documentId, MoveWorkspaceDocumentBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new MoveWorkspaceDocumentRequest(documentId, body.NewPath) { Context = context }, ct));

    /// <summary>Delete a document</summary>
    /// <remarks>
    /// A soft delete: the document stays readable with status <c>Deleted</c>, and its path is free again.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> DeleteWorkspaceDocument(Guid documentId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new DeleteWorkspaceDocumentRequest(documentId) { Context = context }, ct));

    /// <summary>Restore a deleted document</summary>
    /// <remarks>
    /// Makes it active again at its path; 422 <c>workspace.path_taken</c> when the path was taken meanwhile.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> RestoreWorkspaceDocument(Guid documentId, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, WorkspaceDocumentDecider.StreamFor(documentId), context => new RestoreWorkspaceDocumentRequest(documentId) { Context = context }, ct));
}
