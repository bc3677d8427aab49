using System.Threading.Channels;
using Journal.EventStore.Ports;

namespace Journal.ControlRoom.Live;

/// <summary>
/// Follows the tape's commits (the live source of the HTTP tails) for a page: each commit only wakes it,
/// commits that land while a refresh runs are folded into one, and the refresh is told the newest
/// position so it can ask the read models for that position (read-your-writes). A refresh that fails
/// is tried again at the next commit.
/// </summary>
public sealed class CommitWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    private CommitWatch(ITapeFeed tape, Func<long, CancellationToken, Task> refresh, TimeSpan pause)
    {
        var wake = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscription = tape.Committed.Subscribe(seq => wake.Writer.TryWrite(seq), _ => wake.Writer.TryComplete(), () => wake.Writer.TryComplete());
        _loop = RunAsync(wake.Reader, refresh, pause, _stop.Token);
    }

    /// <summary>Starts following; dispose to stop.</summary>
    /// <param name="refresh">Called with the newest committed position after each wake-up.</param>
    /// <param name="pause">
    /// The least time between two refreshes: under a fast tape the commits of that time are folded into the next one,
    /// so a page that redraws a whole table costs the server at most one read per pause, however fast the tape goes.
    /// </param>
    public static CommitWatch Start(ITapeFeed tape, Func<long, CancellationToken, Task> refresh, TimeSpan pause = default) => new(tape, refresh, pause);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }

    private static async Task RunAsync(ChannelReader<long> wake, Func<long, CancellationToken, Task> refresh, TimeSpan pause, CancellationToken ct)
    {
        while (await wake.WaitToReadAsync(ct))
        {
            var newest = 0L;
            while (wake.TryRead(out var seq))
            {
                newest = Math.Max(newest, seq);
            }

            try
            {
                await refresh(newest, ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The read models were behind or a read failed: the next commit refreshes again.
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, ct);
            }
        }
    }
}
