using Journal.ControlRoom.Auth;
using Journal.ControlRoom.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.ControlRoom;

/// <summary>Registers and mounts the control room in a host that already has the journal (<c>AddJournal</c>).</summary>
public static class ControlRoomServiceCollectionExtensions
{
    /// <summary>
    /// The control room's components (interactive server rendering) and its services. The host also registers
    /// <see cref="Hosting.IControlRoomKeys"/>, <see cref="Hosting.IChainVerifier"/>, <see cref="Hosting.IProblemWords"/> and
    /// <see cref="Hosting.IOperationsDesk"/>.
    /// </summary>
    public static IServiceCollection AddControlRoom(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<ActionRunner>();
        return services;
    }

    /// <summary>
    /// The sign-in cookie: HttpOnly, SameSite=Strict, Secure whenever the request came over https, carrying the
    /// key's name and role only. An unauthenticated page visit goes to the sign-in page.
    /// </summary>
    public static AuthenticationBuilder AddControlRoomCookie(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(ControlRoomAuth.CookieScheme, options =>
        {
            options.Cookie.Name = ControlRoomAuth.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = ControlRoomAuth.LoginPath;
            options.LogoutPath = ControlRoomAuth.LogoutPath;
            options.AccessDeniedPath = ControlRoomAuth.LoginPath;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });

    /// <summary>
    /// Mounts the pages at <c>/</c>, with the circuit's hub for interactive server rendering. Every endpoint needs a
    /// signed-in person (the pages, and the hub that an open page talks to) except the sign-in and sign-out pages,
    /// which allow anonymous callers themselves.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder MapControlRoom(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        pages.RequireAuthorization();
        return pages;
    }
}
