using Journal.Api.Hosting;
using Journal.ControlRoom;
using Journal.ControlRoom.Auth;
using Microsoft.AspNetCore.Authentication;

namespace Journal.Api.Http.Auth;

/// <summary>
/// The default authentication scheme: a selector that sends the API's paths to the API key scheme, always,
/// and the control room's pages (everything else) to its sign-in cookie when keys are configured. A cookie
/// therefore never authenticates an API request (which has no antiforgery), and a browser page never needs
/// a key header. Without keys, pages go to the key scheme too, which lets loopback callers in as admin.
/// </summary>
public static class SchemeSelector
{
    /// <summary>The selector's name: the default scheme.</summary>
    public const string SchemeName = "Journal";

    /// <summary>Where the API lives; every other path belongs to the control room.</summary>
    private static readonly PathString[] ApiPaths = ["/v1", "/health", "/openapi", "/swagger"];

    /// <summary>Registers the selector, the key scheme and the control room's cookie.</summary>
    public static AuthenticationBuilder AddJournalSchemes(this IServiceCollection services, JournalSettings settings) =>
        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key, or the control room's cookie", options => options.ForwardDefaultSelector = context => SchemeFor(context.Request.Path, settings))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddControlRoomCookie();

    /// <summary>The scheme a request to <paramref name="path"/> is authenticated with.</summary>
    public static string SchemeFor(PathString path, JournalSettings settings) =>
        settings.ApiKeys.Count > 0 && !IsApi(path) ? ControlRoomAuth.CookieScheme : ApiKeyAuthenticationHandler.SchemeName;

    /// <summary>Whether <paramref name="path"/> is one of the API's (as opposed to the control room's).</summary>
    public static bool IsApi(PathString path) => ApiPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
