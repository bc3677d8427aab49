using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Journal.EventStore.Tracing;

namespace Journal.EventStore.Writing;

/// <summary>
/// The one writer of a tape file. Callers enqueue encoded appends; the writer takes every request
/// waiting, commits them in one transaction (group commit), and completes each on its own: a request
/// that fails (wrong version, id conflict) is rolled back to its savepoint and the others still commit.
/// This class owns the writer's exclusivity: who commits when (the pump), holding it, closing it.
/// </summary>
internal sealed class TapeWriter : IAsyncDisposable
{
    private readonly ITapeStatements _sql;
    private readonly WriteQueue _queue;
    private readonly WriterHead _head;
    private readonly GroupCommit _commit;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    /// <summary>A writer over <paramref name="sql"/>, which it owns from now on (and disposes).</summary>
    public TapeWriter(ITapeStatements sql, PayloadSerializer serializer, TimeProvider time, int maxEventsPerCommit, TimeSpan cohortWait, Action<long> onCommitted, Action<int> onGroup, AppendTraceLog traces)
    {
        _queue = new WriteQueue(maxEventsPerCommit, cohortWait);
        _sql = sql;
        _head = new WriterHead(_sql, onCommitted);
        _commit = new GroupCommit(_sql, _queue, _head, serializer, time, onGroup, traces);
    }

    /// <summary>Queues an append; await its <see cref="AppendRequest.Completion"/>.</summary>
    public AppendRequest Append(IReadOnlyList<EncodedStreamAppend> streams, IdempotencyRecord? idempotency, AppendTrace? trace, CancellationToken ct)
    {
        var request = new AppendRequest(streams, idempotency, trace);
        Enqueue(request, ct);
        return request;
    }

    public Task<ErasureResult> EraseAsync(IReadOnlyList<long> seqs, string reason, EventMetadata metadata, CancellationToken ct)
    {
        var request = new EraseRequest(seqs, reason, metadata);
        Enqueue(request, ct);
        return request.Completion.Task;
    }

    /// <summary>
    /// Reads a page of one stream on the writer's own connection when the writer is idle. Its page cache
    /// is warm (only its own commits changed the file, unless another process wrote), so the read costs
    /// a bind and a step where a pooled connection re-reads the pages the last commit changed. Null when
    /// the writer is busy or closed: the caller reads on a lent connection instead.
    /// </summary>
    public List<RecordedEvent>? TryReadStreamWhileIdle(string stream, long fromVersion, int limit)
    {
        if (!_gate.Wait(0))
        {
            return null;
        }

        try
        {
            return _disposed ? null : _sql.StreamFrom(stream, fromVersion, limit);
        }
        finally
        {
            _gate.Release();

            // A request queued while the read held the writer is committed off this thread.
            if (_queue.Count > 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static w => w.Pump(null), this, preferLocal: false);
            }
        }
    }

    /// <summary>Requests waiting for the writer.</summary>
    public int Queued => _queue.Count;

    /// <summary>Groups whose commit moved the kept open set (see <see cref="ITapeStatements.OpenSetMoves"/>).</summary>
    public long OpenSetMoves => _sql.OpenSetMoves;

    /// <summary>Whether an open group is waiting for the last group's callers to come back.</summary>
    public bool Gathering => _queue.Gathering;

    /// <summary>Times an open group waited for a request to arrive.</summary>
    public long CohortWaits => _queue.CohortWaits;

    /// <summary>Group commits done so far.</summary>
    public long Groups => _commit.Groups;

    /// <summary>The last position this writer committed or saw (read from any thread).</summary>
    public long HeadSeq => _head.Seq;

    /// <summary>
    /// Holds the writer between groups until the returned handle is disposed: requests queue up and
    /// then commit as one group. A seam for tests and for maintenance that needs a quiet file.
    /// </summary>
    public async Task<IDisposable> HoldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(this);
    }

    /// <summary>Caps the storage at its current size or lifts the cap (see <see cref="ITapeStatements.CapGrowth"/>): a seam for the fault tests.</summary>
    public async Task CapGrowthAsync(bool capped, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _sql.CapGrowth(capped);
        }
        finally
        {
            _gate.Release();
        }

        Pump(null);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Close();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            // Whatever was queued before the close still commits, as a group or several.
            while (_commit.CommitNext(gather: false))
            {
            }

            _disposed = true;
            _queue.Dispose();
            _sql.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Enqueue(WriteRequest request, CancellationToken ct)
    {
        // Cancellation is honoured until the request is queued; once queued it commits or fails as a whole.
        ct.ThrowIfCancellationRequested();
        if (!_queue.TryEnqueue(request))
        {
            throw new ObjectDisposedException(nameof(TapeWriter), "the tape writer is closed");
        }

        Pump(request);
    }

    /// <summary>
    /// Commits queued requests when the writer is free. The caller that finds it free commits on its own
    /// thread (no hand-off when there is no contention) until its own request is done, and hands any
    /// remainder to a pool thread; a caller that finds it busy leaves its request queued, and whoever
    /// holds the writer looks at the queue again after letting go, so nothing is left behind.
    /// </summary>
    private void Pump(WriteRequest? own)
    {
        while (true)
        {
            if (!_gate.Wait(0))
            {
                return;
            }

            try
            {
                if (_disposed)
                {
                    return;
                }

                while (_commit.CommitNext(gather: true) && own is not { IsCompleted: true })
                {
                }
            }
            finally
            {
                _gate.Release();
            }

            if (_queue.Count == 0)
            {
                return;
            }

            if (own is { IsCompleted: true })
            {
                ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.Pump(null), this, preferLocal: false);
                return;
            }
        }
    }

    private sealed class Releaser(TapeWriter writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writer._gate.Release();

                // What queued up meanwhile commits as one group, off the releasing thread.
                ThreadPool.UnsafeQueueUserWorkItem(static w => w.Pump(null), writer, preferLocal: false);
            }
        }
    }
}
