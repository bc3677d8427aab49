using Journal.Domain.Tape;
using Journal.Projections;

namespace Journal.Api.Hosting;

/// <summary>Builds the web host: configuration, the journal's services, the endpoints.</summary>
public static class JournalHost
{
    /// <summary>Creates the application from command-line arguments.</summary>
    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the binary; relative data paths still resolve against the
        // directory the service was started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var settings = JournalSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddJournal(settings.ToStoreOptions());
        var app = builder.Build();

        // Open the tape at start-up so a bad file stops the service now, not on the first request.
        app.Services.GetRequiredService<IEventStore>();
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        return app;
    }
}
