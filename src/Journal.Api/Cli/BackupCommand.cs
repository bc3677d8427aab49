using System.CommandLine;
using System.Text.Json;
using Journal.EventStore.Inspection;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary>
/// <c>backup --to PATH [--db PATH] [--json]</c>: an online, consistent backup (SQLite backup API) that
/// can run while the service writes; the backup is owner-only and verified after it is written.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var to = new Option<string>("--to") { Description = "The backup file to write (replaced if present)", Required = true };
        var command = new Command("backup", "Write an online, consistent backup of the tape and verify it") { db, to, json };
        command.SetAction(async (parse, ct) =>
        {
            Journal.EventStore.Backup.BackupResult result;
            using (var tape = TapeInspector.Open(parse.GetValue(db)!))
            {
                result = await tape.BackupAsync(parse.GetValue(to)!, ct);
            }

            using var backup = TapeInspector.Open(result.Path);
            var report = await backup.Verifier.VerifyAsync(ct: ct);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { backup = result, verification = report }, PayloadSerializer.JsonOptions));
            }
            else
            {
                await context.Output.WriteLineAsync($"backup written to {result.Path}: head {result.HeadSeq} {result.HeadHash}, {result.Bytes} bytes in {result.ElapsedMs:0} ms");
                await context.Output.WriteLineAsync(report.IsIntact
                    ? $"verify: intact, {report.EventsChecked} events checked"
                    : $"verify: broken at seq {report.FirstMismatch!.Seq}: {report.FirstMismatch.Code}");
            }

            return report.IsIntact ? ExitCodes.Ok : ExitCodes.Mismatch;
        });
        return command;
    }
}
