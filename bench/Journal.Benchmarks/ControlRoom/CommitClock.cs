using System.Diagnostics;
using Journal.EventStore.Ports;

namespace Journal.Benchmarks.ControlRoom;

/// <summary>
/// When each position was committed, from the tape's own commit feed (the one the page follows): so a position the
/// page shows can be turned into how long the oldest event it does not show yet has been on the tape.
/// </summary>
internal sealed class CommitClock : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(long Seq, long At)> _commits = [];
    private readonly IDisposable _subscription;

    public CommitClock(ITapeFeed tape) => _subscription = tape.Committed.Subscribe(seq =>
    {
        var at = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _commits.Add((seq, at));
        }
    });

    /// <summary>The newest committed position.</summary>
    public long Head
    {
        get
        {
            lock (_lock)
            {
                return _commits.Count == 0 ? 0 : _commits[^1].Seq;
            }
        }
    }

    /// <summary>How long (ms) the first commit past <paramref name="shown"/> has waited by <paramref name="now"/>; 0 when the page shows the head.</summary>
    public double BehindMs(long shown, long now)
    {
        lock (_lock)
        {
            var lo = 0;
            var hi = _commits.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_commits[mid].Seq > shown)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo == _commits.Count ? 0 : Stopwatch.GetElapsedTime(_commits[lo].At, now).TotalMilliseconds;
        }
    }

    public void Dispose() => _subscription.Dispose();
}
