using Journal.Api.Hosting;
using Journal.EventStore.Ports;

namespace Journal.Api.Operations;

/// <summary>
/// The in-memory mode's snapshots (<c>PERSIST=0</c>): every <c>SNAPSHOT_INTERVAL</c> ms and once more
/// on shutdown, the online backup API writes the whole in-memory tape to <c>Journal:SnapshotPath</c>
/// (owner-only, replaced atomically). A crash loses what was committed after the last snapshot: at most
/// one interval.
/// </summary>
public sealed class SnapshotJob(ITapeFeed feed, ITapeBackup backup, JournalSettings settings, OperationsStatus status, OperationsMetrics metrics, TimeProvider time, ILogger<SnapshotJob> logger)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private Task<SnapshotRun>? _final;

    /// <summary>Writes one snapshot now, unless the tape has not moved since the last one.</summary>
    /// <remarks>Snapshots never overlap: the timer loop writes them one after another, and the last one waits for the loop to end.</remarks>
    public async Task<SnapshotRun> SnapshotAsync(CancellationToken ct)
    {
        try
        {
            // Every write to the tape appends an event (an erasure too), so an unmoved head means nothing to save.
            if (status.Snapshot is { Ok: true, Result: { } last } unchanged && (await feed.ReadHeadAsync(ct).ConfigureAwait(false)).Seq == last.HeadSeq)
            {
                return unchanged;
            }

            var result = await backup.BackupAsync(settings.SnapshotPath, ct).ConfigureAwait(false);
            logger.LogInformation("Snapshot written to {Path}: head {Seq}, {Bytes} bytes in {Elapsed:0} ms", result.Path, result.HeadSeq, result.Bytes, result.ElapsedMs);
            metrics.RecordSnapshot(true);
            return status.Snapshot = new SnapshotRun(time.GetUtcNow(), true, result, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Snapshot to {Path} failed", settings.SnapshotPath);
            metrics.RecordSnapshot(false);
            return status.Snapshot = new SnapshotRun(time.GetUtcNow(), false, null, ex.Message);
        }
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        RemoveLeftovers();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // A host may be stopped twice at once (its own shutdown and its owner's); both wait for the one
        // final snapshot, so neither goes on to dispose the in-memory tape while it is being copied.
        Task<SnapshotRun> final;
        lock (_gate)
        {
            final = _final ??= SnapshotAsync(CancellationToken.None);
        }

        await final.ConfigureAwait(false);
    }

    /// <summary>A process killed while writing a snapshot leaves its temporary copy beside the snapshot.</summary>
    private void RemoveLeftovers()
    {
        var snapshot = Path.GetFullPath(settings.SnapshotPath);
        var directory = Path.GetDirectoryName(snapshot);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        foreach (var leftover in Directory.EnumerateFiles(directory, Path.GetFileName(snapshot) + ".tmp-*"))
        {
            File.Delete(leftover);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.SnapshotIntervalMs), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await SnapshotAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
