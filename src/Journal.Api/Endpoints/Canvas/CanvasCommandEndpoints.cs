using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.Api.Endpoints.Commands;
using Journal.Api.Http.OpenApi;
using Journal.Api.Http.Problems;
using Journal.Domain.Canvas;
using Journal.Domain.Canvas.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Journal.Api.Endpoints.Canvas;

/// <summary>Canvas commands: create, patch (RFC 6902, against the version in <c>If-Match</c>), restore.</summary>
internal static class CanvasCommandEndpoints
{
    /// <summary>The media type of an RFC 6902 patch document.</summary>
    public const string JsonPatchMediaType = "application/json-patch+json";

    private static readonly JsonDocumentOptions PatchParsing = new() { MaxDepth = Http.JsonSetup.MaxDepth };

    public static void MapCanvasCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/canvases", FeatureTags.Canvas);
        group.MapPost("/", CreateCanvas).WithName(nameof(CreateCanvas));
        // No Accepts(...) metadata: routing would then answer a wrong content type with 415 before
        // authentication runs; the handler checks the media type itself, after the key.
        group.MapPatch("/{canvasId}", PatchCanvas).WithName(nameof(PatchCanvas))
            .WithMetadata(CanvasPatchBody.Describe(), new RequiredHeader(ETags.IfMatch, "The one canvas version (its ETag) the patch was made against.", "\"1\""))
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{canvasId}/restore", RestoreCanvas).WithName(nameof(RestoreCanvas));
    }

    /// <summary>Create a canvas</summary>
    /// <remarks>
    /// A canvas is a JSON object an agent edits and a UI renders; <c>state</c> is its first version. Answers 201 with
    /// <c>Location</c> and <c>ETag</c> "1".
    /// </remarks>
    internal static async Task<Created<CommandResponse>> CreateCanvas(CreateCanvasBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http, null, context => new CreateCanvasRequest(body.CanvasId, body.SessionId, body.State) { Context = context }, ct);
        return TypedResults.Created($"/v1/canvases/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Patch a canvas with an RFC 6902 JSON Patch</summary>
    /// <remarks>
    /// Applies the patch atomically (every operation or none). It must be sent as <c>application/json-patch+json</c>
    /// (415 otherwise), with <c>If-Match</c> naming the one version it was made against (428 otherwise; 409
    /// <c>canvas.version_conflict</c> when the canvas is at another version). A failing <c>test</c> or a pointer that
    /// does not resolve is 422 naming the operation; a result that is not an object is 422
    /// <c>canvas.state_not_object</c>. Answers the new version as <c>ETag</c>.
    /// </remarks>
    internal static async Task<Results<Ok<CommandResponse>, ProblemHttpResult>> PatchCanvas(Guid canvasId, HttpContext http, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, JsonPatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(ProblemCatalog.Create(
                StatusCodes.Status415UnsupportedMediaType, "media_type.unsupported", "The request cannot be handled.", $"send the patch as {JsonPatchMediaType}"));
        }

        if (ETags.Parse(http.Request.Headers[ETags.IfMatch].ToString()) is not { Any: false, Versions: [var expected] })
        {
            return TypedResults.Problem(ProblemCatalog.Create(
                StatusCodes.Status428PreconditionRequired, "precondition.required", "A precondition is required.", "send If-Match with the one canvas version (its ETag, such as \"3\") the patch was made against"));
        }

        var patch = await JsonNode.ParseAsync(http.Request.Body, documentOptions: PatchParsing, cancellationToken: ct);
        return TypedResults.Ok(await CommandDispatch.SendAsync(
            http, null, context => new PatchCanvasRequest(canvasId, patch, expected) { Context = context }, ct));
    }

    /// <summary>Restore a canvas version</summary>
    /// <remarks>
    /// The state of <c>version</c> becomes a new latest version: history is appended to, never rewritten. 404
    /// <c>canvas_version.not_found</c> for a version that does not exist.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> RestoreCanvas(Guid canvasId, RestoreCanvasBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http, CanvasDecider.StreamFor(canvasId), context => new RestoreCanvasRequest(canvasId, body.Version) { Context = context }, ct));
}
