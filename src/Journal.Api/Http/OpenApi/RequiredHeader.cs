using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Journal.Api.Http.OpenApi;

/// <summary>
/// Endpoint metadata: a request header the endpoint refuses to work without, though the handler reads
/// it itself. Shown as a required header parameter, so Swagger UI asks for it and sends it.
/// </summary>
/// <param name="Name">The header.</param>
/// <param name="Description">What it must say.</param>
/// <param name="Example">A value, as sent.</param>
internal sealed record RequiredHeader(string Name, string Description, string Example);

/// <summary>Adds each <see cref="RequiredHeader"/> of an endpoint to its operation's parameters.</summary>
internal sealed class RequiredHeaders : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var header in context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredHeader>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Required = true,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create(header.Example),
            });
        }

        return Task.CompletedTask;
    }
}
