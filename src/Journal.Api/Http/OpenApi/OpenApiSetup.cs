using Microsoft.OpenApi;

namespace Journal.Api.Http.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and its UI at <c>/swagger</c>.</summary>
public static class OpenApiSetup
{
    /// <summary>The document's path.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Registers the document, with the API key scheme described.</summary>
    public static IServiceCollection AddJournalOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Journal";
            document.Info.Description = "The tamper-evident journal of an AI agent daemon: commands, aggregate reads, the tape and its live tail, admin and health.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A configured API key, as 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>').",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
            return Task.CompletedTask;
        }));

    /// <summary>Maps the document and the UI (both without authentication: they describe, they do not serve data).</summary>
    public static void MapJournalOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous().DisableRateLimiting();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint(DocumentPath, "Journal v1");
            options.DocumentTitle = "Journal API";
        });
    }
}
