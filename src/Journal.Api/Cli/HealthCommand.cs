using System.CommandLine;
using System.Text.Json;
using Journal.Api.Endpoints.Admin;
using Journal.Api.Endpoints.Health;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;
using Journal.EventStore.Verification.Start;
using Journal.Projections.Runtime;

namespace Journal.Api.Cli;

/// <summary>
/// <c>health [--db PATH] [--projections-db PATH] [--json]</c>: the health report of the files in constant time:
/// the kept counts, the head, the verified mark a service left, and a bounded check of the tape's end (the positions
/// after the mark when few came after it, else the last rows, and the file's last pages). The whole chain is
/// <c>verify</c>'s (the snapshot, retention, maintenance and checkpoint results of a running service are on its
/// <c>/v1/journal/health</c>). Exit 0 when healthy, 3 when degraded.
/// </summary>
internal static class HealthCommand
{
    /// <summary>Rows at the tape's end the verb verifies at most: its time does not grow with the tape.</summary>
    internal const int RecentRows = 1000;

    // Every field is printed, null ones too, so a monitor can tell "not run yet" from "missing".
    private static readonly JsonSerializerOptions AllFields = new(PayloadSerializer.JsonOptions) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var projections = CommonOptions.ProjectionsDatabase();
        var json = CommonOptions.Json();
        var command = new Command("health", "The journal's health report: counts, sizes, verification, projections, permissions") { db, projections, json };
        command.SetAction(async (parse, ct) =>
        {
            var location = TapeLocation.Parse(parse.GetValue(db)!);
            await using var services = JournalServices.Open(location, parse.GetValue(projections));
            var daemon = services.GetRequiredService<ProjectionDaemon>();
            daemon.EnsureInitialized();
            var dataFile = location is TapeLocation.SqliteFile file ? file.Path : JournalServices.ProjectionsPath(location, parse.GetValue(projections));
            var inspection = services.GetRequiredService<ITapeInspection>();
            var feed = services.GetRequiredService<ITapeFeed>();
            var mark = VerifiedMarkFile.Read(VerifiedMarkFile.Beside(dataFile));
            var check = await StartVerification.RecentAsync(
                services.GetRequiredService<ITapeVerification>(), inspection.JournalId, location is TapeLocation.SqliteFile ? TapeFileIdentity.Of(dataFile) : null, mark, (await feed.ReadHeadAsync(ct)).Seq, RecentRows, ct);
            var report = check.Report;
            var at = TimeProvider.System.GetUtcNow();
            var start = new StartVerifiedAt(check.Scope, check.Reason, check.MarkSeq, report.From, report.To, report.EventsChecked, check.FileProblems, at);
            var lastFull = mark is { FullAt: { } fullAt } && mark.JournalId == inspection.JournalId ? new FullVerification(fullAt, true, mark.FullSeq, null, []) : null;
            var snapshot = Path.Combine(Path.GetDirectoryName(dataFile) ?? ".", "journal.snapshot.db");
            var health = await HealthReport.BuildAsync(feed, inspection, daemon, services.GetRequiredService<MediatR.IMediator>(), new VerifiedAt(report, at), start, lastFull, snapshot, null, ct);
            if (check.FileProblems.Count > 0)
            {
                health = health with { Status = "degraded" };
            }
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(health, AllFields));
            }
            else
            {
                await context.Output.WriteLineAsync(string.Join(
                    Environment.NewLine,
                    $"status:         {health.Status}",
                    $"events:         {health.Events} in {health.Streams} streams ({health.ErasedPayloads} erased)",
                    $"head:           {health.Head.Seq} {health.Head.Hash}",
                    $"file bytes:     {health.FileBytes} (wal {health.WalBytes})",
                    $"schema version: {health.SchemaVersion} of {health.LatestSchemaVersion}",
                    $"verification:   tail {report.EventsChecked} events ({report.From}..{report.To}){(check.MarkSeq is { } from ? $" from the mark at seq {from}" : string.Empty)}: {(report.IsIntact ? "intact" : $"broken at seq {report.FirstMismatch!.Seq}: {report.FirstMismatch.Code}")}{(check.FileProblems.Count > 0 ? "; file end damaged: " + string.Join("; ", check.FileProblems.Take(3)) : string.Empty)}",
                    $"last full:      {(lastFull is null ? "none remembered (run `verify` for the whole chain)" : $"{lastFull.At:O} up to seq {lastFull.HeadSeq}")}",
                    $"projections:    {string.Join(", ", health.Projections.Select(p => $"{p.Name} {p.State} lag {p.LagEvents}"))}",
                    $"dead letters:   {health.DeadLetters}",
                    $"disk free:      {health.DiskFreeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}",
                    $"files:          {string.Join(", ", health.Files.Select(f => $"{f.Name} {f.Mode}{(f.OwnerOnly ? string.Empty : " NOT OWNER-ONLY")}"))}"));
            }

            return health.Status == "healthy" ? ExitCodes.Ok : ExitCodes.Mismatch;
        });
        return command;
    }
}
