using System.Security.Claims;
using Journal.Domain.Commands;

namespace Journal.ControlRoom.Auth;

/// <summary>
/// The person looking, as the role rules see them: the API's roles, each including the ones before it
/// (reader, writer, admin).
/// </summary>
/// <param name="Name">The key's name (or <c>loopback</c> without keys): the actor of the commands they send.</param>
/// <param name="CanDecide">Writer or admin: may send commands, such as Allow and Deny.</param>
/// <param name="IsAdmin">Admin: may run admin actions, such as verifying the chain.</param>
public sealed record Viewer(string Name, bool CanDecide, bool IsAdmin)
{
    /// <summary>Nobody signed in.</summary>
    public static Viewer Nobody { get; } = new("anonymous", false, false);

    /// <summary>The viewer a principal stands for.</summary>
    public static Viewer Of(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? new(user.Identity.Name ?? "anonymous", user.IsInRole("writer") || user.IsInRole("admin"), user.IsInRole("admin"))
            : Nobody;

    /// <summary>The context of a command this viewer sends: their name as the actor, as over HTTP, and a fresh correlation id.</summary>
    public CommandContext CommandContext() => new(Actor: Name, CorrelationId: Guid.CreateVersion7().ToString("N"));
}
