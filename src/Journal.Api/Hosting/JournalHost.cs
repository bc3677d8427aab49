using Journal.Api.ControlRoom;
using Journal.Api.Endpoints;
using Journal.Api.Endpoints.Admin;
using Journal.Api.Http;
using Journal.Api.Http.Auth;
using Journal.Api.Http.OpenApi;
using Journal.Api.Operations;
using Journal.Api.Telemetry;
using Journal.Domain.Tape;
using Journal.EventStore.Storage;
using Journal.Projections;
using Journal.Application;
using Journal.Application.Memory;

namespace Journal.Api.Hosting;

/// <summary>Builds the web host: configuration, the journal's services, the endpoints.</summary>
public static class JournalHost
{
    /// <summary>Creates the application from command-line arguments.</summary>
    /// <exception cref="ConfigurationException">A setting is bad, a listening address is taken, or the service would listen beyond loopback without API keys.</exception>
    /// <exception cref="StorageException">The data directory is held by another process (<see cref="StorageException.Locked"/>), cannot be written, or the tape is damaged.</exception>
    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the binary; relative data paths still resolve against the
        // directory the service was started from.
        // The application name is this assembly's even when another one hosts it (a test runner), so the static web
        // assets manifests (Journal.Api.staticwebassets.*.json, the control room's blazor.web.js) are found by name.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(JournalHost).Assembly.GetName().Name });

        // A build (not a publish) serves the framework's web assets from where the build manifest says they are, in every
        // environment: the service is run from its build output by `dotnet run` and by the tests. A published tool has no
        // such manifest and serves them from its wwwroot.
        builder.WebHost.UseStaticWebAssets();
        var settings = JournalSettings.From(builder.Configuration);
        LoopbackGuard.Check(builder.Configuration, settings);
        builder.Services.AddSingleton(settings);

        // The directory of the file actually used (the tape, or in memory the snapshot) is held for the host's
        // lifetime: the container disposes the lock when the host stops, the OS when the process dies.
        builder.Services.AddSingleton(_ => DataDirectoryLock.Acquire(settings.Persist ? settings.DatabasePath : settings.SnapshotPath));
        builder.Services.AddJournalMemoryEmbeddings(settings.MemoryEmbeddings);
        builder.Services.AddSingleton(settings.ToMemoryOptions(new Journal.Projections.Memory.MemoryOptions()));
        builder.Services.AddJournal(settings.ToStoreOptions(), settings.ToProjectionOptions(), settings.ToAggregateSnapshotOptions());
        builder.Services.AddJournalOperations(settings);
        builder.Services.AddJournalTelemetry(settings, builder.Configuration);
        builder.Services.AddSingleton(sp => VerifiedMarks.For(sp.GetRequiredService<Journal.EventStore.Ports.ITapeInspection>(), settings));
        builder.Services.AddSingleton<LastVerification>();
        builder.Services.AddSingleton<ProjectionRebuilds>();

        // The proof endpoints: tree heads are signed with the checkpoint key when there is one.
        builder.Services.AddSingleton<Endpoints.Proofs.TreeHeadSigner>();
        builder.Services.AddSingleton<Endpoints.Proofs.ServiceProofTape>();
        builder.AddJournalHttp(settings);
        builder.Services.AddJournalControlRoom();
        var app = builder.Build();

        // Refusals that cost nothing come before any work on the data: a taken port, then a held data directory.
        ListenAddressCheck.Run(app, builder.Configuration);
        var held = app.Services.GetRequiredService<DataDirectoryLock>();
        try
        {
            OpenAndMap(app, settings);
        }
        catch
        {
            // A host that failed to build is never disposed: let go of the directory now.
            held.Dispose();
            throw;
        }

        return app;
    }

    private static void OpenAndMap(WebApplication app, JournalSettings settings)
    {
        // Open and check the tape at start-up so a bad file stops the service now, not on the first request.
        app.Services.GetRequiredService<IEventStore>();
        StartupCheck.Run(app, settings);
        if (settings.ApiKeys.Count == 0)
        {
            app.Logger.LogWarning("No Journal:ApiKeys configured: the service runs UNAUTHENTICATED and listens on loopback only; every local caller may read, write and administer");
        }
        else
        {
            app.Logger.LogInformation("{Count} API keys configured", settings.ApiKeys.Count);
        }

        if (!settings.Persist)
        {
            app.Logger.LogWarning(
                "PERSIST=0: the journal is kept IN MEMORY; a snapshot is written to {Path} every {Interval} ms and at shutdown, and a crash loses what came after the last one",
                settings.SnapshotPath,
                settings.SnapshotIntervalMs);
        }

        LoopbackGuard.Watch(app, settings);
        app.UseJournalHttp();
        app.MapJournalOpenApi();
        app.MapJournalEndpoints();
        app.MapJournalControlRoom();
    }
}
