using System.Security.Claims;
using Journal.ControlRoom.Hosting;

namespace Journal.ControlRoom.Auth;

/// <summary>The names the control room's sign-in shares with its host.</summary>
public static class ControlRoomAuth
{
    /// <summary>The cookie scheme of a signed-in person.</summary>
    public const string CookieScheme = "ControlRoomCookie";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "journal.controlroom";

    /// <summary>The sign-in page.</summary>
    public const string LoginPath = "/login";

    /// <summary>The sign-out page (a POST signs out).</summary>
    public const string LogoutPath = "/logout";

    /// <summary>
    /// The principal a cookie carries: the key's name and role only, never the key. The claim types are the
    /// ones the API's key scheme uses, so role rules read the same either way.
    /// </summary>
    public static ClaimsPrincipal PrincipalOf(KeyHolder holder) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, holder.Name), new Claim(ClaimTypes.Role, holder.Role)], CookieScheme));

    /// <summary>Where to go after signing in: a local path only (anything else goes home), so the page is no open redirect.</summary>
    public static string LocalTarget(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
