using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Journal.Api.Http.Input;
using Journal.Api.Http.Limits;
using Journal.Api.Http.OpenApi;
using Journal.Api.Http.Problems;
using Journal.Api.Http.Proxies;

namespace Journal.Api.Http;

/// <summary>The cross-cutting HTTP pieces: JSON, problem details, API keys, limits, OpenAPI.</summary>
internal static class HttpSetup
{
    public static void AddJournalHttp(this WebApplicationBuilder builder, JournalSettings settings)
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(JsonSetup.Configure);
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemWriter.Customize);
        services.AddExceptionHandler<JournalExceptionHandler>();
        services.AddJournalSchemes(settings);
        services.AddAuthorization(Policies.Add);
        services.AddJournalRateLimits(settings);
        services.AddJournalTrustedProxies(settings.TrustedProxies);
        services.AddJournalOpenApi(settings);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
    }

    public static void UseJournalHttp(this WebApplication app)
    {
        if (app.Services.GetRequiredService<JournalSettings>().TrustedProxies.Count > 0)
        {
            // First: everything after it (the cookie's Secure flag, rate limits, logs) sees the client as the proxy tells it.
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        // The control room's forms (sign-in, sign-out) carry antiforgery tokens; the API's JSON endpoints have no
        // antiforgery metadata and are not touched.
        app.UseAntiforgery();
        app.UseMiddleware<EchoedHeaderGuard>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<JsonBodyGuard>();
    }
}
