using Journal.EventStore;
using Journal.Projections;
using Journal.Projections.Runtime;
using Microsoft.Extensions.Logging;
using Journal.Application;

namespace Journal.Api.Cli;

/// <summary>The journal's services over existing files, for verbs that need more than a read-only look.</summary>
internal static class JournalServices
{
    /// <summary>Builds the services over the tape at <paramref name="databasePath"/> (which must exist) and its read models.</summary>
    /// <exception cref="FileNotFoundException">There is no tape file there.</exception>
    public static ServiceProvider Open(string databasePath, string? projectionsPath)
    {
        EventStore.Storage.StoragePaths.Validate(databasePath, "db");
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"there is no journal file at '{Path.GetFullPath(databasePath)}'", databasePath);
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddJournal(
            new JournalStoreOptions { DatabasePath = databasePath },
            new ProjectionOptions { DatabasePath = projectionsPath ?? Path.Combine(Path.GetDirectoryName(databasePath) ?? ".", "projections.db") });
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Builds the services over the tape at <paramref name="location"/> and the read models at
    /// <paramref name="projectionsPath"/> (for a PostgreSQL tape, default <c>data/projections.db</c>, as the service's).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no tape file there.</exception>
    public static ServiceProvider Open(TapeLocation location, string? projectionsPath)
    {
        if (location is TapeLocation.SqliteFile file)
        {
            return Open(file.Path, projectionsPath);
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddJournal(StoreOptions((TapeLocation.Postgres)location), new ProjectionOptions { DatabasePath = ProjectionsPath(location, projectionsPath) });
        return services.BuildServiceProvider();
    }

    /// <summary>Builds the tape's services alone (no read models), for the read-only verbs on a PostgreSQL tape.</summary>
    public static ServiceProvider OpenTape(TapeLocation.Postgres location)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddJournalTape(StoreOptions(location));
        return services.BuildServiceProvider();
    }

    /// <summary>Where the read models of <paramref name="location"/> are: as given, beside a tape file, or the service's default.</summary>
    public static string ProjectionsPath(TapeLocation location, string? projectionsPath) =>
        projectionsPath ?? (location is TapeLocation.SqliteFile file
            ? Path.Combine(Path.GetDirectoryName(file.Path) ?? ".", "projections.db")
            : Path.Combine("data", "projections.db"));

    private static JournalStoreOptions StoreOptions(TapeLocation.Postgres location) => new()
    {
        Provider = TapeProvider.Postgres,
        ConnectionString = location.ConnectionString,
    };
}
