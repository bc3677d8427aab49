using Journal.Projections.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Lag;

/// <summary>
/// Samples every projection's lag (as <c>GET /v1/admin/projections</c> reports it) into <see cref="LagHistory"/>
/// once when the service starts and then every <see cref="ProjectionOptions.LagSampleInterval"/>. A sample that
/// fails is logged and skipped; the next one is taken on time.
/// </summary>
public sealed class LagSampler(ProjectionDaemon daemon, LagHistory history, ProjectionOptions options, TimeProvider time, ILogger<LagSampler> logger) : BackgroundService
{
    /// <summary>Takes one sample now.</summary>
    public async Task SampleOnceAsync(CancellationToken ct)
    {
        try
        {
            var statuses = await daemon.StatusAsync(ct).ConfigureAwait(false);
            history.Record(new LagSample(time.GetUtcNow(), statuses.Select(s => new ProjectionLag(s.Name, s.State, s.LagEvents, s.LagMs)).ToList()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Sampling the projections' lag failed; the next sample is taken on time");
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.LagSampleInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        // Off the host's start-up path: the first sample reads the read models.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.LagSampleInterval, time);
        do
        {
            await SampleOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
