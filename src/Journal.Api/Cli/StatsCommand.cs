using System.CommandLine;
using System.Text.Json;
using Journal.EventStore.Inspection;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary><c>stats [--db PATH|URI] [--json]</c>: events, streams, events by type, head and storage sizes.</summary>
internal static class StatsCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("stats", "Counts, head and file sizes of a tape file (read-only)") { db, json };
        command.SetAction(async (parse, ct) =>
        {
            var stats = await ReadAsync(TapeLocation.Parse(parse.GetValue(db)!), ct);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(stats, PayloadSerializer.JsonOptions));
                return ExitCodes.Ok;
            }

            await context.Output.WriteLineAsync(string.Join(
                Environment.NewLine,
                $"file:           {stats.DatabasePath}",
                $"journal id:     {stats.JournalId?.ToString() ?? "(none)"}",
                $"schema version: {stats.SchemaVersion}",
                $"events:         {stats.Events}",
                $"streams:        {stats.Streams}",
                $"erased:         {stats.ErasedPayloads}",
                $"head seq:       {stats.HeadSeq}",
                $"head hash:      {stats.HeadHash}",
                $"file bytes:     {stats.FileBytes}",
                $"wal bytes:      {stats.WalBytes}",
                "event types:"));
            foreach (var type in stats.EventTypes)
            {
                await context.Output.WriteLineAsync($"  {type.EventType}: {type.Events}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<TapeStatistics> ReadAsync(TapeLocation location, CancellationToken ct)
    {
        if (location is TapeLocation.SqliteFile file)
        {
            using var inspector = TapeInspector.Open(file.Path);
            return inspector.ReadStatistics();
        }

        await using var services = JournalServices.OpenTape((TapeLocation.Postgres)location);
        var feed = services.GetRequiredService<ITapeFeed>();
        var inspection = services.GetRequiredService<ITapeInspection>();
        var counts = feed.ReadStats();
        var head = await feed.ReadHeadAsync(ct);
        return new TapeStatistics(inspection.Location, inspection.JournalId, inspection.SchemaVersion, counts.Events, counts.Streams, counts.ErasedPayloads, head.Seq, Convert.ToHexStringLower(head.Hash.Span), inspection.StorageBytes, inspection.LogBytes, feed.ReadTypeCounts());
    }
}
