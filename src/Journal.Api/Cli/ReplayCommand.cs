using System.CommandLine;
using Journal.EventStore.Ports;
using Journal.Projections.Runtime;
using Spectre.Console;

namespace Journal.Api.Cli;

/// <summary>
/// <c>replay [--projection NAME] [--verify] [--db PATH]</c>: rebuilds every read model (or one) from the
/// whole tape, blue/green; with <c>--verify</c> the hash chain is checked over the same tape. It refuses
/// (exit 2) while a service holds the data directory: the service would go on serving its own read models.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var projections = CommonOptions.ProjectionsDatabase();
        var only = new Option<string?>("--projection") { Description = "Rebuild only this projection (for example sessions.v2)" };
        var verify = new Option<bool>("--verify") { Description = "Also verify the hash chain of the tape" };
        var command = new Command("replay", "Rebuild the read models from the whole tape") { db, projections, only, verify };
        command.SetAction(async (parse, ct) =>
        {
            var location = TapeLocation.Parse(parse.GetValue(db)!);
            if (location is TapeLocation.SqliteFile file)
            {
                // A lock is taken only beside a journal file, never beside /dev/null or a typo: opening checks it is one.
                Journal.EventStore.Inspection.TapeInspector.Open(file.Path).Dispose();
            }

            // On PostgreSQL the tape is shared; what this instance must not rebuild under a running service is its own read models.
            using var held = location is TapeLocation.SqliteFile tape
                ? OfflineLock.Acquire("replay", tape.Path, parse.GetValue(projections))
                : OfflineLock.Acquire("replay", JournalServices.ProjectionsPath(location, parse.GetValue(projections)), null);
            await using var services = JournalServices.Open(location, parse.GetValue(projections));
            var daemon = services.GetRequiredService<ProjectionDaemon>();
            var verification = parse.GetValue(verify) ? services.GetRequiredService<ITapeVerification>().VerifyAsync(ct: ct) : null;
            var result = await RebuildAsync(context, daemon, parse.GetValue(only), ct);
            await context.Output.WriteLineAsync($"rebuilt {string.Join(", ", result.Projections)}: {result.Events} events in {result.Elapsed.TotalSeconds:0.0} s ({Rate(result.Events, result.Elapsed):0} events/s), generation {result.Generation}");
            if (verification is null)
            {
                return ExitCodes.Ok;
            }

            var report = await verification;
            if (report.FirstMismatch is { } m)
            {
                await context.Output.WriteLineAsync($"verify: broken at seq {m.Seq}: {m.Code}");
                return ExitCodes.Mismatch;
            }

            await context.Output.WriteLineAsync($"verify: intact, {report.EventsChecked} events checked");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<RebuildResult> RebuildAsync(CliContext context, ProjectionDaemon daemon, string? only, CancellationToken ct)
    {
        if (context.Interactive)
        {
            RebuildResult? result = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(only ?? "all projections", maxValue: 1);
                    result = await daemon.RebuildAsync(only, new Progress(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Events;
                        task.Description = $"{only ?? "all projections"}: {p.Events:N0} events, {p.EventsPerSecond:N0}/s";
                    }), ct);
                });
            return result!;
        }

        var last = DateTimeOffset.MinValue;
        return await daemon.RebuildAsync(only, new Progress(p =>
        {
            var now = DateTimeOffset.UtcNow;
            if (now - last < TimeSpan.FromSeconds(1) && p.Events < p.Total)
            {
                return;
            }

            last = now;
            context.Output.WriteLine($"replay: {p.Events}/{p.Total} events, {p.EventsPerSecond:0} events/s, {p.Remaining.TotalSeconds:0} s left");
        }), ct);
    }

    private static double Rate(long events, TimeSpan elapsed) => elapsed.TotalSeconds > 0 ? events / elapsed.TotalSeconds : events;

    /// <summary>Reports on the calling thread (the rebuild's), so lines are written in order.</summary>
    private sealed class Progress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
