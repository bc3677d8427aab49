using Journal.EventStore.Export;
using Journal.EventStore.Inspection;
using Journal.EventStore.Ports;

namespace Journal.Api.Cli;

/// <summary>Opens the rows and journal id of a tape, a file (read-only, <see cref="TapeInspector"/>) or PostgreSQL (its ports).</summary>
internal static class TapeSource
{
    /// <summary>Runs <paramref name="use"/> over the tape at <paramref name="location"/>, closing it after.</summary>
    public static async Task<int> UseAsync(TapeLocation location, Func<ITapeExportSource, Task<int>> use)
    {
        if (location is TapeLocation.SqliteFile file)
        {
            using var inspector = TapeInspector.Open(file.Path);
            return await use(inspector);
        }

        await using var services = JournalServices.OpenTape((TapeLocation.Postgres)location);
        return await use(new TapeFeedExportSource(services.GetRequiredService<ITapeFeed>(), services.GetRequiredService<ITapeInspection>()));
    }
}
