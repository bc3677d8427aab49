using System.CommandLine;
using System.Text.Json;
using Journal.Api.Endpoints.Admin;
using Journal.Api.Endpoints.Health;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;
using Journal.Projections.Runtime;

namespace Journal.Api.Cli;

/// <summary>
/// <c>health [--db PATH] [--projections-db PATH] [--json]</c>: the health report of the files, with a
/// fresh chain verification (the snapshot, retention, maintenance and checkpoint results of a running
/// service are on its <c>/v1/journal/health</c>). Exit 0 when healthy, 3 when degraded.
/// </summary>
internal static class HealthCommand
{
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
            var report = await services.GetRequiredService<ITapeVerification>().VerifyAsync(ct: ct);
            var snapshot = Path.Combine(Path.GetDirectoryName(location is TapeLocation.SqliteFile file ? file.Path : JournalServices.ProjectionsPath(location, parse.GetValue(projections))) ?? ".", "journal.snapshot.db");
            var health = await HealthReport.BuildAsync(services.GetRequiredService<ITapeFeed>(), services.GetRequiredService<ITapeInspection>(), daemon, services.GetRequiredService<MediatR.IMediator>(), new VerifiedAt(report, TimeProvider.System.GetUtcNow()), snapshot, null, ct);
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
                    $"verification:   {(report.IsIntact ? "intact" : $"broken at seq {report.FirstMismatch!.Seq}: {report.FirstMismatch.Code}")}",
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
