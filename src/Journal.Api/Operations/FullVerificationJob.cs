using Journal.Api.Endpoints.Admin;
using Journal.Api.Hosting;

namespace Journal.Api.Operations;

/// <summary>
/// The whole check in the background: SQLite's check of the whole file (PostgreSQL: the schema's checks) and the whole
/// chain, once <c>Journal:FullVerificationDelaySeconds</c> after start and then every
/// <c>Journal:MaintenanceIntervalMinutes</c>. A start that verified only the tail relies on it to find a row changed
/// before the mark: the result is kept for the health report (<c>lastFullVerification</c>, and <c>verification</c>,
/// whose broken chain makes the report <c>degraded</c>) and logged; the service keeps serving.
/// </summary>
public sealed class FullVerificationJob(LastVerification verification, JournalSettings settings, TimeProvider time, ILogger<FullVerificationJob> logger) : BackgroundService
{
    /// <summary>Runs the whole check once, now.</summary>
    public async Task<FullVerification> RunOnceAsync(CancellationToken ct)
    {
        var full = await verification.RunFullAsync(ct).ConfigureAwait(false);
        if (full.Intact)
        {
            logger.LogInformation("Full verification: intact up to seq {Head}", full.HeadSeq);
        }
        else
        {
            logger.LogError(
                "Full verification found the tape broken: {Mismatch}{Problems}",
                full.FirstMismatch is { } m ? $"seq {m.Seq}: {m.Code}" : "chain intact",
                full.FileProblems.Count > 0 ? "; file: " + string.Join("; ", full.FileProblems.Take(3)) : string.Empty);
        }

        return full;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(settings.FullVerificationDelaySeconds), time, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.MaintenanceIntervalMinutes), time);
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Full verification failed; retrying at the next interval");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
