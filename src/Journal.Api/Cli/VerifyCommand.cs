using System.CommandLine;
using System.Text.Json;
using Journal.EventStore.Inspection;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary><c>verify [--db PATH] [--from SEQ] [--to SEQ] [--json]</c>: checks every link of the chain; exit 3 on a mismatch.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var from = CommonOptions.Position("--from", "First position to check", 1);
        var to = new Option<long?>("--to") { Description = "Last position to check (default: the head)" };
        var command = new Command("verify", "Check the hash chain of a tape file (read-only)") { db, json, from, to };
        command.SetAction(async (parse, ct) =>
        {
            using var inspector = TapeInspector.Open(parse.GetValue(db)!);
            var problems = await inspector.Verifier.CheckFileAsync(ct);
            if (problems.Count > 0)
            {
                await context.Output.WriteLineAsync($"damaged file '{inspector.DatabasePath}': {string.Join("; ", problems.Take(3))}");
            }

            var report = await inspector.Verifier.VerifyAsync(parse.GetValue(from), parse.GetValue(to), ct);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(report, PayloadSerializer.JsonOptions));
            }
            else if (report.FirstMismatch is { } m)
            {
                await context.Output.WriteLineAsync($"broken at seq {m.Seq}: {m.Code} (expected {m.Expected}, found {m.Found}); {report.EventsChecked} events checked before it");
            }
            else
            {
                await context.Output.WriteLineAsync($"intact: {report.EventsChecked} events checked ({report.From}..{report.To}), {report.ErasedPayloads} erased payloads, head {report.HeadSeq} {report.HeadHash}");
            }

            return report.IsIntact && problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Mismatch;
        });
        return command;
    }
}
