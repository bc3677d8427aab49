using Journal.EventStore.Ports;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Runtime;

/// <summary>
/// The daemon's loop: catches up, then sleeps until the tape commits, someone asks (a read-your-writes
/// wait, a resume), or the poll interval passes. A catch-up that fails is retried after the interval.
/// </summary>
internal sealed class WakeLoop(ITapeFeed tape, LiveEngine live, ProjectionOptions options, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>Wakes the loop for another catch-up.</summary>
    public void Wake() => _wake.Release();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var subscription = tape.Committed.Subscribe(_ => _wake.Release());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await live.CatchUpAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "projection catch-up failed; retrying after the poll interval");
            }

            try
            {
                await _wake.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Many commits may have woken us; one catch-up covers them all.
            while (_wake.CurrentCount > 0 && _wake.Wait(0, CancellationToken.None))
            {
            }
        }
    }

    public void Dispose() => _wake.Dispose();
}
