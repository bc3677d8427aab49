using Journal.ControlRoom;
using Journal.ControlRoom.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace Journal.Api.ControlRoom;

/// <summary>Puts the control room (Journal.ControlRoom) into the host, mounted at <c>/</c>.</summary>
internal static class ControlRoomHosting
{
    /// <summary>The control room's components and the four ports it asks its host for.</summary>
    public static void AddJournalControlRoom(this IServiceCollection services)
    {
        services.AddControlRoom();

        // The keys that protect the sign-in cookie and the antiforgery tokens live in this process's memory only:
        // secrets never reach the disk (ASP.NET Core's default would write them under the service user's home). A
        // restart therefore signs everyone out, which costs a person one sign-in.
        services.AddDataProtection().SetApplicationName("Journal.ControlRoom").UseEphemeralDataProtectionProvider();
        services.AddSingleton<IControlRoomKeys, ControlRoomKeys>();
        services.AddSingleton<IChainVerifier, ChainVerifier>();
        services.AddSingleton<IProofDesk, ProofDesk>();
        services.AddSingleton<IProblemWords, ProblemWords>();
        services.AddSingleton<IOperationsDesk, OperationsDesk>();
    }

    /// <summary>Maps the pages after the API's endpoints; the API's paths are matched first by their own routes.</summary>
    public static void MapJournalControlRoom(this WebApplication app)
    {
        // blazor.web.js and the framework's other web assets, fingerprinted and compressed, from the build's manifest.
        app.MapStaticAssets();
        app.MapControlRoom();
    }
}
