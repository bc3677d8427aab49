using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Journal.Api.Http.Auth;

/// <summary>The authorization policies, one per role; a higher role satisfies a lower one's policy.</summary>
public static class Policies
{
    /// <summary>Queries and the tail.</summary>
    public const string Reader = "reader";

    /// <summary>Commands.</summary>
    public const string Writer = "writer";

    /// <summary>Admin endpoints.</summary>
    public const string Admin = "admin";

    /// <summary>Registers the three policies.</summary>
    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Reader, p => p.RequireAuthenticatedUser().RequireRole(RoleNames(ApiRole.Reader)));
        options.AddPolicy(Writer, p => p.RequireAuthenticatedUser().RequireRole(RoleNames(ApiRole.Writer)));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(RoleNames(ApiRole.Admin)));
    }

    /// <summary>The role claim value of a role.</summary>
    public static string RoleName(ApiRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The key's name, which becomes the actor of its commands.</summary>
    public static string? KeyName(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;

    /// <summary>Roles at or above <paramref name="minimum"/>.</summary>
    private static string[] RoleNames(ApiRole minimum) =>
        Enum.GetValues<ApiRole>().Where(r => r >= minimum).Select(RoleName).ToArray();
}
