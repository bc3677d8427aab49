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
}
