using System.Globalization;
using Journal.Api.Hosting;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Ports;

namespace Journal.Api.Operations;

/// <summary>
/// Publishes a signed checkpoint of the tape's head every <c>Journal:CheckpointIntervalMinutes</c>
/// (off by default) into <c>Journal:CheckpointDirectory</c>, with the Merkle root at the head and its C2SP note:
/// <c>checkpoint-{seq}.json</c> and
/// <c>latest.json</c>. Copy them off the machine: a later tape that does not extend them was truncated
/// or rewritten.
/// </summary>
public sealed class CheckpointPublisher(ITapeVerification verification, ITapeInspection inspection, ITapeTree tree, JournalSettings settings, OperationsStatus status, TimeProvider time, ILogger<CheckpointPublisher> logger)
    : BackgroundService
{
    private long _lastSeq = -1;

    /// <summary>Signs and writes a checkpoint of the head now (unless the head has not moved since the last one).</summary>
    public async Task<CheckpointRun> PublishAsync(CancellationToken ct)
    {
        try
        {
            var head = await verification.ReadCheckpointStateAsync(ct).ConfigureAwait(false);
            if (head.Seq == _lastSeq && status.Checkpoint is { Error: null } unchanged)
            {
                return unchanged;
            }

            var root = (await tree.HeadAsync(head.Seq, ct).ConfigureAwait(false)).Root;
            using var key = CheckpointKeys.Load(settings.CheckpointKeyPath!);
            var checkpoint = CheckpointSigner.Sign(inspection.JournalId, head, root, time.GetUtcNow(), key);
            var path = Path.Combine(settings.CheckpointDirectory, string.Create(CultureInfo.InvariantCulture, $"checkpoint-{head.Seq:D12}.json"));
            await CheckpointFile.WriteAsync(path, checkpoint, ct).ConfigureAwait(false);
            await CheckpointFile.WriteAsync(Path.Combine(settings.CheckpointDirectory, "latest.json"), checkpoint, ct).ConfigureAwait(false);
            _lastSeq = head.Seq;
            logger.LogInformation("Signed checkpoint of seq {Seq} written to {Path}", head.Seq, path);
            return status.Checkpoint = new CheckpointRun(time.GetUtcNow(), Path.GetFullPath(path), head.Seq, null);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            logger.LogError(ex, "Publishing a signed checkpoint failed");
            return status.Checkpoint = new CheckpointRun(time.GetUtcNow(), null, 0, ex.Message);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.CheckpointIntervalMinutes), time);
        try
        {
            do
            {
                await PublishAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
