using Journal.EventStore.Ports;
using Microsoft.Extensions.Hosting;

namespace Journal.Application.Startup;

/// <summary>
/// Opens the tape's Merkle tree at start, so that its builder catches up with the tape in the background from the
/// first moment (a tape written before the tree existed is built then) instead of at the first proof asked for.
/// Constant time: the start does not wait for the build. Registered by AddJournal.
/// </summary>
public sealed class TreeStart(IServiceProvider services) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(ITapeTree));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
