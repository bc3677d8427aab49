using Journal.Api.Hosting;
using Journal.ControlRoom;
using Microsoft.AspNetCore.DataProtection;
using Journal.ControlRoom.Hosting;

namespace Journal.Api.ControlRoom;

/// <summary>Puts the control room (Journal.ControlRoom) into the host, mounted at <c>/</c>.</summary>
internal static class ControlRoomHosting
{
    /// <summary>The folder, in the data directory, of the keys that protect the sign-in cookie and antiforgery tokens.</summary>
    public const string KeyFolder = "controlroom-keys";

    /// <summary>The control room's components and the three ports it asks its host for.</summary>
    public static void AddJournalControlRoom(this IServiceCollection services, JournalSettings settings)
    {
        services.AddControlRoom();

        // The cookie and the antiforgery tokens are protected with keys kept beside the tape (owner-only), so a
        // sign-in outlives a restart and the keys go wherever the data goes, not into the service user's home.
        services.AddDataProtection().SetApplicationName("Journal.ControlRoom").PersistKeysToFileSystem(new DirectoryInfo(KeyPath(settings)));
        services.AddSingleton<IControlRoomKeys, ControlRoomKeys>();
        services.AddSingleton<IChainVerifier, ChainVerifier>();
        services.AddSingleton<IProblemWords, ProblemWords>();
    }

    private static string KeyPath(JournalSettings settings) => Path.Combine(settings.DataDirectory, KeyFolder);

    /// <summary>Maps the pages after the API's endpoints; the API's paths are matched first by their own routes.</summary>
    public static void MapJournalControlRoom(this WebApplication app, JournalSettings settings)
    {
        // Made here, once the data directory is held, owner-only like the rest of it (the keys are stored unencrypted).
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(KeyPath(settings));
        }
        else
        {
            Directory.CreateDirectory(KeyPath(settings), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // blazor.web.js and the framework's other web assets, fingerprinted and compressed, from the build's manifest.
        app.MapStaticAssets();
        app.MapControlRoom();
    }
}
