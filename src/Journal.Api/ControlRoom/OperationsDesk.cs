using Journal.Api.Endpoints.Admin;
using Journal.Api.Endpoints.Health;
using Journal.Api.Hosting;
using Journal.Api.Operations;
using Journal.ControlRoom.Hosting;
using Journal.EventStore.Backup;
using Journal.EventStore.Ports;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Api.ControlRoom;

/// <summary>
/// The operations page reads and runs exactly what the health and admin endpoints do: the same health report,
/// the same daemon, the same one-at-a-time rebuilds, the same backup handler.
/// </summary>
internal sealed class OperationsDesk(
    ITapeFeed tape,
    ITapeInspection inspection,
    ITapeBackup backup,
    ProjectionDaemon daemon,
    ProjectionRebuilds rebuilds,
    LastVerification verification,
    JournalSettings settings,
    OperationsStatus operations,
    OperationsMetrics metrics,
    IMediator mediator,
    TimeProvider time) : IOperationsDesk
{
    public async Task<HealthView> ReadHealthAsync(CancellationToken ct)
    {
        var health = await HealthReport.BuildAsync(
            tape, inspection, daemon, mediator, verification.Last, verification.Start, verification.LastFull, settings.SnapshotPath, operations, ct);
        return new HealthView(
            health.Status,
            health.Mode,
            health.Events,
            health.Head.Seq,
            health.FileBytes,
            health.Verification?.Report.IsIntact,
            health.Verification?.At,
            health.EventsSinceVerification,
            health.CanvasHashMismatches,
            health.Projections,
            health.DeadLetters,
            health.Snapshot is { } snapshot ? new BackupRun(snapshot.At, snapshot.Ok, snapshot.Result?.Path, snapshot.Result?.HeadSeq, snapshot.Result?.Bytes, snapshot.Error) : null);
    }

    public IReadOnlyList<DeadLetter> ReadDeadLetters() => daemon.DeadLetters();

    public RebuildView ReadRebuild() => View(rebuilds.Status);

    public RebuildView StartRebuild(string? projection) => View(rebuilds.Start(projection));

    public async Task<BackupRun> BackupAsync(CancellationToken ct)
    {
        var written = (await OperationsEndpoints.Backup(backup, settings, metrics, time, ct)).Value!;
        return new BackupRun(time.GetUtcNow(), true, written.Path, written.HeadSeq, written.Bytes, null);
    }

    private static RebuildView View(RebuildStatus status) =>
        new(status.State, status.Projection, status.StartedAt, status.FinishedAt, status.Progress, status.Result, status.Error);
}
