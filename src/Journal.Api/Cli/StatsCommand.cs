using System.CommandLine;
using System.Text.Json;
using Journal.EventStore.Inspection;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary><c>stats [--db PATH] [--json]</c>: events, streams, head and file sizes.</summary>
internal static class StatsCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("stats", "Counts, head and file sizes of a tape file (read-only)") { db, json };
        command.SetAction(async (parse, ct) =>
        {
            using var inspector = TapeInspector.Open(parse.GetValue(db)!);
            var stats = inspector.ReadStatistics();
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
                $"wal bytes:      {stats.WalBytes}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
