using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Journal.Api.Http.OpenApi;

/// <summary>
/// Endpoint metadata: the request body a handler reads itself instead of binding it. The API explorer
/// sees bound bodies only, so without this the document would show no body at all.
/// </summary>
/// <remarks>
/// Not <c>Accepts(...)</c>: with accepts metadata, routing answers another media type with 415 before
/// authentication runs; the handler checks the media type itself, after the key.
/// </remarks>
/// <param name="ContentType">The one media type the handler accepts.</param>
/// <param name="Description">What the body is.</param>
/// <param name="Schema">Builds the body's schema (a new one per document).</param>
/// <param name="Example">A body the endpoint accepts; Swagger UI offers it in "Try it out".</param>
internal sealed record UnboundRequestBody(string ContentType, string Description, Func<OpenApiSchema> Schema, JsonNode Example);

/// <summary>Describes the <see cref="UnboundRequestBody"/> of an endpoint as its operation's required request body.</summary>
internal sealed class UnboundRequestBodies : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<UnboundRequestBody>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = body.Description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [body.ContentType] = new() { Schema = body.Schema(), Example = body.Example.DeepClone() },
                },
            };
        }

        return Task.CompletedTask;
    }
}
