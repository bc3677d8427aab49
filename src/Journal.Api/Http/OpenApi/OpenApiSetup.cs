using Journal.Api.Endpoints;
using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Microsoft.OpenApi;

namespace Journal.Api.Http.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and its UI at <c>/swagger</c>.</summary>
/// <remarks>
/// Operation summaries and descriptions come from the endpoint methods' <c>&lt;summary&gt;</c> and
/// <c>&lt;remarks&gt;</c> (read by the package's source generator), tags from <see cref="FeatureTags"/>.
/// </remarks>
public static class OpenApiSetup
{
    /// <summary>The document's path.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>
    /// Registers the document: its feature tags, the bodies and headers handlers read themselves, and,
    /// when <paramref name="settings"/> configures API keys, the key scheme on the operations that need one.
    /// </summary>
    public static IServiceCollection AddJournalOpenApi(this IServiceCollection services, JournalSettings settings)
    {
        // Without keys every loopback caller is admin: the document then asks for no key at all.
        var keyed = settings.ApiKeys.Count > 0;
        return services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document, keyed);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(new UnboundRequestBodies());
            options.AddOperationTransformer(new RequiredHeaders());
            options.AddOperationTransformer(new SharedParameters());
            if (keyed)
            {
                options.AddOperationTransformer(new KeyRequirements());
            }
        });
    }

    /// <summary>Maps the document and the UI (both without authentication: they describe, they do not serve data).</summary>
    public static void MapJournalOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous().DisableRateLimiting();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint(DocumentPath, "Journal v1");
            options.DocumentTitle = "Journal API";
            // Links such as /swagger/#/Canvas/PatchCanvas open that operation.
            options.EnableDeepLinking();
        });
    }

    private static void Describe(OpenApiDocument document, bool keyed)
    {
        document.Info.Title = "Journal";
        document.Info.Description =
            "The tamper-evident journal of an AI agent daemon: commands, read models, the tape and its live tail, admin and health.";
        document.Tags = new HashSet<OpenApiTag>(FeatureTags.All.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        if (!keyed)
        {
            return;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A configured API key, as a bearer token in `Authorization` (or as the `X-Api-Key` header). " +
                "Each operation names the roles whose keys it takes; a higher role takes the place of a lower one.",
        };
    }
}
