using Journal.Api.Hosting;
using Journal.Domain.Tape;
using Journal.EventStore.Maintenance;
using Journal.EventStore.Ports;
using Journal.EventStore.Retention;
using Journal.Projections.Maintenance;
using Journal.Projections.Runtime;

namespace Journal.Api.Operations;

/// <summary>
/// The daily job (every <c>Journal:MaintenanceIntervalMinutes</c>, first run one interval after start):
/// removes session deltas older than <c>RETENTION_DAYS</c> from the read model, applies the tape
/// retention rules (payloads erased, rows kept, legal holds respected), then checkpoints the WALs, runs
/// the incremental vacuum and checks the full-text index. Each result is logged and kept for the
/// health report.
/// </summary>
public sealed class MaintenanceJob(
    IEventStore tape,
    ITapeInspection inspection,
    ReadModelStore readModels,
    JournalSettings settings,
    OperationsStatus status,
    OperationsMetrics metrics,
    TimeProvider time,
    ILogger<MaintenanceJob> logger) : BackgroundService
{
    /// <summary>Runs retention and maintenance once, now.</summary>
    public async Task<(RetentionRun Retention, MaintenanceRun Maintenance)> RunOnceAsync(CancellationToken ct)
    {
        var retention = await RetainAsync(ct).ConfigureAwait(false);
        status.Retention = retention;
        var steps = new List<MaintenanceStep>();
        steps.AddRange(inspection.RunMaintenance());
        steps.AddRange(ReadModelMaintenance.Housekeep(readModels));
        steps.Add(ReadModelMaintenance.CheckFullTextIndex(readModels));
        foreach (var step in steps)
        {
            if (step.Ok)
            {
                logger.LogInformation("Maintenance {Step}: {Detail}", step.Name, step.Detail);
            }
            else
            {
                logger.LogWarning("Maintenance {Step} failed: {Detail}", step.Name, step.Detail);
            }
        }

        metrics.RecordMaintenanceFailures(steps.Count(s => !s.Ok));
        var maintenance = new MaintenanceRun(time.GetUtcNow(), steps);
        status.Maintenance = maintenance;
        return (retention, maintenance);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.MaintenanceIntervalMinutes), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Retention and maintenance failed; retrying at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<RetentionRun> RetainAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var removed = ReadModelMaintenance.PruneSessionDeltas(readModels, now.AddDays(-settings.RetentionDays));
            logger.LogInformation("Retention: removed {Count} session deltas older than {Days} days", removed, settings.RetentionDays);
            RetentionReport? report = null;
            if (settings.RetentionRules.Count > 0)
            {
                report = await TapeRetention.RunAsync(tape, settings.RetentionRules, now, ct).ConfigureAwait(false);
                metrics.RecordErased(report.Erased);
                logger.LogInformation(
                    "Tape retention: erased {Erased} payloads of {Scanned} events ({Rules}); {Skipped} kept by legal holds on {Held} streams",
                    report.Erased,
                    report.Scanned,
                    string.Join("; ", report.Rules.Select(r => $"{r.Rule}: {r.Erased}")),
                    report.SkippedHeld,
                    report.HeldStreams.Count);
            }

            return new RetentionRun(now, removed, report, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Retention failed");
            return new RetentionRun(now, 0, null, ex.Message);
        }
    }
}
