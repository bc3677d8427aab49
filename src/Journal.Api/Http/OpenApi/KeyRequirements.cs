using Journal.Api.Http.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Journal.Api.Http.OpenApi;

/// <summary>
/// Puts the API key requirement on each operation whose endpoint needs a key (an authorization policy,
/// no anonymous access), naming its policies as the roles it takes. Read from the endpoint's own
/// metadata rather than from its path, so the document cannot ask for less than the endpoint does.
/// </summary>
internal sealed class KeyRequirements : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy ?? "default").Distinct().ToList();
        if (policies.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = policies },
            ];
        }

        return Task.CompletedTask;
    }
}
