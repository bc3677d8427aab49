using System.Reactive.Subjects;

namespace Journal.EventStore.Postgres;

/// <summary>
/// The heads a PostgreSQL tape reports as committed, from two sources (this instance's writer, and the
/// listener that hears every instance): each published once, rising, one at a time.
/// </summary>
internal sealed class CommittedHeads(TapeMetrics metrics) : IDisposable
{
    private readonly Subject<long> _heads = new();
    private readonly Lock _lock = new();
    private long _published;
    private bool _completed;

    public IObservable<long> Heads => _heads;

    public void Publish(long seq)
    {
        lock (_lock)
        {
            if (_completed || seq <= _published)
            {
                return;
            }

            _published = seq;
            metrics.RecordHead(seq);
            _heads.OnNext(seq);
        }
    }

    /// <summary>Completes the sequence: nothing is published after it.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _heads.OnCompleted();
            _heads.Dispose();
        }
    }
}
