using Journal.Api.Endpoints.Admin;
using Journal.Api.Operations;
using Journal.EventStore.Ports;
using Journal.Projections.Runtime;

namespace Journal.Api.Endpoints.Health;

/// <summary>Builds the health report, for the HTTP endpoint and the <c>health</c> verb alike.</summary>
internal static class HealthReport
{
    public static async Task<JournalHealth> BuildAsync(
        ITapeFeed tape, ITapeInspection inspection, ProjectionDaemon daemon, MediatR.IMediator mediator, VerifiedAt? verified, StartVerifiedAt? start, FullVerification? lastFull, string snapshotPath, OperationsStatus? operations, CancellationToken ct)
    {
        var canvasMismatches = (await mediator.Send(new Projections.Canvas.CanvasIntegrityQuery(1), ct)).Mismatches;
        var stats = tape.ReadStats();
        var head = await tape.ReadHeadAsync(ct);
        var projections = await daemon.StatusAsync(ct);
        var deadLetters = daemon.DeadLetters().Count;
        var inMemory = inspection.IsInMemory;
        var path = inMemory ? Path.GetFullPath(snapshotPath) : inspection.Location;
        var files = FilePermissions.Check(path);
        var snapshot = operations?.Snapshot;
        var retention = operations?.Retention;
        var maintenance = operations?.Maintenance;
        var healthy = canvasMismatches == 0
            && verified?.Report.IsIntact != false
            && lastFull?.Intact != false
            && projections.All(p => p.State == "running")
            && deadLetters == 0
            && files.All(f => f.OwnerOnly)
            && snapshot is null or { Ok: true }
            && retention is null or { Error: null }
            && (maintenance is null || maintenance.Steps.All(s => s.Ok));
        return new JournalHealth(
            healthy ? "healthy" : "degraded",
            inspection.Mode,
            stats.Events,
            stats.Streams,
            stats.ErasedPayloads,
            new Tape.TapeHeadView(head.Seq, Convert.ToHexStringLower(head.Hash.Span)),
            inspection.StorageBytes,
            inspection.LogBytes,
            inMemory && File.Exists(path) ? new FileInfo(path).Length : null,
            inspection.SchemaVersion,
            inspection.LatestSchemaVersion,
            verified,
            projections,
            deadLetters,
            snapshot,
            retention,
            maintenance,
            operations?.Checkpoint,
            DiskFree(path),
            files,
            canvasMismatches,
            Math.Max(0, head.Seq - (verified?.Report.To ?? 0)),
            tape.ReadTypeCounts(),
            start,
            lastFull);
    }

    private static long? DiskFree(string path)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
