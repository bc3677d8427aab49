using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Journal.Api.Hosting;
using Journal.Api.Http.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Journal.Api.Http.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> against the
/// configured SHA-256 digests, in constant time. With no key configured the service listens on
/// loopback only, and every local caller acts as <see cref="LoopbackName"/> with the admin role.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JournalSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that may carry the key instead of <c>Authorization</c>.</summary>
    public const string KeyHeader = "X-Api-Key";

    /// <summary>The name callers get when no key is configured.</summary>
    public const string LoopbackName = "loopback";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (settings.ApiKeys.Count == 0)
        {
            return Task.FromResult(IsLocal(Context.Connection)
                ? Success(LoopbackName, ApiRole.Admin)
                : AuthenticateResult.Fail("no API key is configured and the caller is not on loopback"));
        }

        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = ApiKey.Match(settings.ApiKeys, presented);
        return Task.FromResult(match is null ? AuthenticateResult.Fail("unknown API key") : Success(match.Name, match.Role));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemWriter.WriteAsync(Context, ProblemCatalog.Unauthorized());
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, ProblemCatalog.Forbidden());

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        var header = request.Headers[KeyHeader].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is null || IPAddress.IsLoopback(connection.RemoteIpAddress);

    private static AuthenticateResult Success(string name, ApiRole role)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, Policies.RoleName(role))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
