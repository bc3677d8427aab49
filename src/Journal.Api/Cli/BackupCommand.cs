using System.CommandLine;
using System.Text.Json;
using Journal.EventStore.Inspection;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary>
/// <c>backup --to PATH [--force] [--db PATH] [--json]</c>: an online, consistent backup (SQLite backup API)
/// that can run while the service writes; the backup is owner-only and verified after it is written. An
/// existing file at <c>--to</c> is replaced only with <c>--force</c> (exit 2 otherwise, the file kept), and
/// never when it is the tape itself.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var to = new Option<string>("--to") { Description = "The backup file to write", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the file at --to if there is one" };
        var command = new Command("backup", "Write an online, consistent backup of the tape and verify it") { db, to, force, json };
        command.SetAction(async (parse, ct) =>
        {
            if (TapeLocation.Parse(parse.GetValue(db)!) is not TapeLocation.SqliteFile { Path: var tapePath })
            {
                await context.Error.WriteLineAsync("backup refused: backup copies a tape file; back a PostgreSQL tape up with pg_dump (and `verify` it), or copy it into a tape file with `export --to FILE.db`");
                return ExitCodes.BadInput;
            }

            var targetPath = parse.GetValue(to)!;
            if (Refusal(tapePath, targetPath, parse.GetValue(force)) is { } refusal)
            {
                await context.Error.WriteLineAsync($"backup refused: {refusal}");
                return ExitCodes.BadInput;
            }

            Journal.EventStore.Backup.BackupResult result;
            using (var tape = TapeInspector.Open(tapePath))
            {
                result = await tape.BackupAsync(targetPath, parse.GetValue(force), ct);
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

    /// <summary>Why the backup must not be written there, or null. The write itself still never replaces a file without <c>--force</c>.</summary>
    private static string? Refusal(string tapePath, string targetPath, bool force)
    {
        Journal.EventStore.Storage.StoragePaths.Validate(targetPath, "to");
        var target = Path.GetFullPath(targetPath);
        if (string.Equals(target, Path.GetFullPath(tapePath), StringComparison.Ordinal))
        {
            return $"'{target}' is the tape itself; choose another --to";
        }

        return !force && File.Exists(target) ? $"'{target}' exists already; pass --force to replace it" : null;
    }
}
