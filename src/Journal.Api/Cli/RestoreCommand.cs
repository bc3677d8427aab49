using System.CommandLine;
using Journal.EventStore.Backup;
using Journal.Projections.Runtime;

namespace Journal.Api.Cli;

/// <summary>
/// <c>restore --from PATH [--db PATH] [--projections-db PATH]</c>: verifies the backup's whole chain,
/// refuses a broken one (exit 3, nothing touched), otherwise replaces the tape in one transaction
/// (keeping the file and its mode) and rebuilds the read models from it. It refuses (exit 2, nothing
/// touched) while a service holds the data directory: that service would go on serving what it loaded.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var projections = CommonOptions.ProjectionsDatabase();
        var from = new Option<string>("--from") { Description = "The backup file to restore", Required = true };
        var command = new Command("restore", "Replace the tape with a verified backup and rebuild the read models (service stopped)") { db, projections, from };
        command.SetAction(async (parse, ct) =>
        {
            if (TapeLocation.Parse(parse.GetValue(db)!) is not TapeLocation.SqliteFile { Path: var tapePath })
            {
                await context.Error.WriteLineAsync("restore refused: restore replaces a tape file; restore a PostgreSQL tape with pg_restore (or psql) from its pg_dump, then check it with `verify`");
                return ExitCodes.BadInput;
            }

            using var held = OfflineLock.Acquire("restore", tapePath, parse.GetValue(projections));
            var result = await TapeRestore.RestoreAsync(parse.GetValue(from)!, tapePath, 5000, ct);
            if (!result.Restored)
            {
                var m = result.Backup.FirstMismatch!;
                await context.Error.WriteLineAsync($"restore refused: the backup's chain is broken at seq {m.Seq} ({m.Code}); nothing was replaced");
                return ExitCodes.Mismatch;
            }

            await context.Output.WriteLineAsync($"restored {result.Tape!.HeadSeq} events (head {result.Tape.HeadHash}) into {Path.GetFullPath(tapePath)}; chain {(result.Tape.IsIntact ? "intact" : "BROKEN")}");
            await using var services = JournalServices.Open(tapePath, parse.GetValue(projections));
            var rebuilt = await services.GetRequiredService<ProjectionDaemon>().RebuildAsync(null, null, ct);
            await context.Output.WriteLineAsync($"read models rebuilt from {rebuilt.Events} events (generation {rebuilt.Generation})");
            return result.Tape.IsIntact ? ExitCodes.Ok : ExitCodes.Mismatch;
        });
        return command;
    }
}
