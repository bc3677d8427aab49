using System.Threading.Channels;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Erasure;
using Journal.EventStore.Serialization;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Writing;

/// <summary>
/// The one writer of a tape file. Callers enqueue encoded appends; the writer takes every request
/// waiting, commits them in one transaction (group commit), and completes each on its own: a request
/// that fails (wrong version, id conflict) is rolled back to its savepoint and the others still commit.
/// </summary>
internal sealed class TapeWriter : IAsyncDisposable
{
    private const int SqliteConstraint = 19;
    private const int MaxCachedStreams = 100_000;

    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SqliteConnection _connection;
    private readonly PayloadSerializer _serializer;
    private readonly TimeProvider _time;
    private readonly int _maxEventsPerCommit;
    private readonly CohortGate _cohort;
    private readonly Action<long> _onCommitted;
    private readonly Action<int> _onGroup;
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly TapeStatements _sql;
    private readonly List<WriteRequest> _group = [];
    private readonly List<Outcome> _outcomes = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;
    private const int MaxForeignRanges = 256;
    private readonly Queue<(long From, long To)> _foreign = new();
    private long _foreignUnknownUpTo;
    private long _groups;

    private long _headSeq;
    private byte[] _headHash = ChainHash.Genesis.ToArray();
    private long _lastRecordedAt;

    public TapeWriter(SqliteConnection connection, PayloadSerializer serializer, TimeProvider time, int maxEventsPerCommit, TimeSpan cohortWait, Action<long> onCommitted, Action<int> onGroup)
    {
        _connection = connection;
        _serializer = serializer;
        _time = time;
        _maxEventsPerCommit = maxEventsPerCommit;
        _cohort = new CohortGate(cohortWait);
        _onCommitted = onCommitted;
        _onGroup = onGroup;
        _sql = new TapeStatements(connection);
        ReadHead();
    }

    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<EncodedStreamAppend> streams, IdempotencyRecord? idempotency, CancellationToken ct)
    {
        var request = new AppendRequest(streams, idempotency);
        Enqueue(request, ct);
        return request.Completion.Task;
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
            if (_queue.Reader.Count > 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static w => w.Pump(null), this, preferLocal: false);
            }
        }
    }

    /// <summary>Requests waiting for the writer.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Whether an open group is waiting for the last group's callers to come back.</summary>
    public bool Gathering => _cohort.Watching;

    /// <summary>Times an open group waited for a request to arrive.</summary>
    public long CohortWaits => _cohort.Waits;

    /// <summary>Group commits done so far.</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>
    /// Holds the writer between groups until the returned handle is disposed: requests queue up and
    /// then commit as one group. A seam for tests and for maintenance that needs a quiet file.
    /// </summary>
    public async Task<IDisposable> HoldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(this);
    }

    /// <summary>
    /// Stops the file from growing (SQLite's <c>max_page_count</c> set to its current size on the writer's
    /// connection), or lifts that cap: a commit that needs a new page then fails with SQLITE_FULL exactly
    /// as on a full disk. A seam for the fault tests.
    /// </summary>
    public async Task CapGrowthAsync(bool capped, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA page_count;";
            var pages = capped ? Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) : 4294967294L;

            // A pragma takes no bound parameter; the value is a number this method computed.
            command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {pages};");
            command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }

        Pump(null);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            // Whatever was queued before the close still commits, as a group or several.
            while (CommitNextGroup(gather: false))
            {
            }

            _disposed = true;
            _cohort.Dispose();
            _sql.Dispose();
            await _connection.DisposeAsync().ConfigureAwait(false);
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
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(TapeWriter), "the tape writer is closed");
        }

        _cohort.Arrived();

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

                while (CommitNextGroup(gather: true) && own is not { IsCompleted: true })
                {
                }
            }
            finally
            {
                _gate.Release();
            }

            if (_queue.Reader.Count == 0)
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

    /// <summary>
    /// Takes every request waiting (up to the group limit) and commits them; false when none was waiting.
    /// Holds the gate. With <paramref name="gather"/>, the group also takes requests that arrive while it
    /// is open, until it has as many as the last group had (see <see cref="CohortGate"/>).
    /// </summary>
    private bool CommitNextGroup(bool gather)
    {
        var group = _group;
        group.Clear();
        var events = Take(group, 0);
        if (group.Count == 0)
        {
            return false;
        }

        try
        {
            CommitGroup(group, events, gather ? _cohort.Expected : 0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never leave a caller waiting: an unexpected failure fails the requests it left incomplete.
            var error = new StorageException($"the tape could not be written: {ex.Message}", ex);
            foreach (var request in group)
            {
                request.Fail(error);
            }
        }

        _cohort.Committed(group.Count);
        Interlocked.Increment(ref _groups);
        group.Clear();
        return true;
    }

    /// <summary>Moves waiting requests into the group while it has room; returns its event count.</summary>
    private int Take(List<WriteRequest> group, int events)
    {
        while (events < _maxEventsPerCommit && _queue.Reader.TryRead(out var request))
        {
            group.Add(request);
            events += request.EventCount;
        }

        return events;
    }

    private void CommitGroup(List<WriteRequest> group, int events, int expected)
    {
        var outcomes = _outcomes;
        outcomes.Clear();
        var state = new GroupState(_headSeq, _headHash, Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), _lastRecordedAt));
        var open = false;
        try
        {
            _sql.Begin();
            open = true;
            SyncHead(state);

            // An append checks everything that can refuse it (idempotency, expected versions) before its
            // first write, so a refused append has written nothing and needs no savepoint. An erasure
            // writes as it checks, so it always gets one.
            var deadline = _cohort.Deadline();
            while (true)
            {
                for (var i = outcomes.Count; i < group.Count; i++)
                {
                    outcomes.Add(ApplyOne(group[i], state, savepoint: group[i] is EraseRequest));
                }

                if (group.Count >= expected || events >= _maxEventsPerCommit || !_cohort.AwaitArrival(_queue.Reader, deadline))
                {
                    break;
                }

                events = Take(group, events);
            }

            if (group.Count == 1 && outcomes[0].Error is not null)
            {
                _sql.Rollback();
            }
            else
            {
                _sql.Commit();
            }

            open = false;
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            if (open)
            {
                TryRollback();
                open = false;
            }

            _versions.Clear();
            var knownHead = _headSeq;
            ReadHeadSafely();

            // The failed group committed nothing: a head that moved was moved by another connection.
            NoteForeign(knownHead, _headSeq);
            var error = ex is SqliteException sqlite
                ? StorageException.From("the tape could not be written", sqlite)
                : new StorageException($"the tape could not be written: {ex.Message}", ex);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Fail(i < outcomes.Count ? outcomes[i].Error ?? error : error);
            }

            return;
        }
        finally
        {
            // Whatever else went wrong, the transaction does not outlive the group.
            if (open)
            {
                TryRollback();
            }
        }

        foreach (var (stream, version) in state.Versions)
        {
            _versions[stream] = version;
        }

        if (_versions.Count > MaxCachedStreams)
        {
            _versions.Clear();
        }

        var wrote = state.HeadSeq != _headSeq;
        Interlocked.Exchange(ref _headSeq, state.HeadSeq);
        _headHash = state.HeadHash;
        _lastRecordedAt = state.RecordedAt;
        _onGroup(group.Count);

        // Published before any caller resumes: whoever sees an append return can rely on the
        // notification having been sent. Subscribers must not block (they only wake workers).
        if (wrote)
        {
            _onCommitted(_headSeq);
        }

        for (var i = 0; i < group.Count; i++)
        {
            outcomes[i].Complete(group[i]);
        }
    }

    private Outcome ApplyOne(WriteRequest request, GroupState state, bool savepoint)
    {
        if (savepoint)
        {
            _sql.Savepoint();
        }

        var mark = state.Mark();
        try
        {
            object result = request switch
            {
                AppendRequest append => Remember(append, Append(append.Streams, CheckKey(append, state)), state),
                EraseRequest erase => Erase(erase, state),
                _ => throw new InvalidOperationException("unknown write request"),
            };
            if (savepoint)
            {
                _sql.ReleaseSavepoint();
            }

            return new Outcome(result, null);
        }
        catch (JournalException ex)
        {
            RollbackTo(savepoint);
            state.Undo(mark);
            return new Outcome(null, ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint && savepoint)
        {
            RollbackTo(savepoint);
            state.Undo(mark);
            return new Outcome(null, new StorageException($"the append broke a tape constraint: {ex.Message}", ex));
        }
    }

    /// <summary>Back to the savepoint; without one the caller rolls back the whole transaction.</summary>
    private void RollbackTo(bool savepoint)
    {
        if (savepoint)
        {
            _sql.RollbackToSavepoint();
        }
    }

    private AppendResult[] Append(IReadOnlyList<EncodedStreamAppend> streams, GroupState state)
    {
        if (FindDuplicates(streams) is { } duplicate)
        {
            return duplicate;
        }

        var actual = new long[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            actual[i] = StreamVersion(streams[i].Stream.Value, state);
            if (!streams[i].Expected.IsMetBy(actual[i]))
            {
                throw new WrongExpectedVersionException(streams[i].Stream.Value, streams[i].Expected.ToString(), actual[i]);
            }
        }

        var results = new AppendResult[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            var stream = streams[i];
            var positions = new EventPosition[stream.Events.Count];
            var version = actual[i];
            for (var e = 0; e < stream.Events.Count; e++)
            {
                version++;
                var seq = Insert(stream.Stream.Value, version, stream.Events[e], state);
                positions[e] = new EventPosition(stream.Events[e].EventId, seq, version);
            }

            state.SetVersion(stream.Stream.Value, version);
            results[i] = new AppendResult(stream.Stream, positions, version, positions[^1].Seq, Duplicate: false);
        }

        return results;
    }

    /// <summary>Refuses, before anything is written, a key already recorded for a different command.</summary>
    private GroupState CheckKey(AppendRequest request, GroupState state)
    {
        if (request.Idempotency is { } record && _sql.FindIdempotency(record.Key) is { } existing
            && !existing.RequestHash.AsSpan().SequenceEqual(record.RequestHash))
        {
            throw new RuleViolationException("idempotency.key_conflict", $"idempotency key '{record.Key}' was used by a different command ({existing.CommandType})");
        }

        return state;
    }

    /// <summary>
    /// Records the command's idempotency key with its first result, in the append's transaction. A key
    /// already recorded with the same request hash is a concurrent retry (its events were duplicates);
    /// with another hash it is a conflict.
    /// </summary>
    private AppendResult[] Remember(AppendRequest request, AppendResult[] results, GroupState state)
    {
        if (request.Idempotency is not { } record || _sql.FindIdempotency(record.Key) is not null)
        {
            return results;
        }

        var written = results.All(r => r.Duplicate) ? 0 : results.Sum(r => r.Events.Count);
        _sql.InsertIdempotency(record, results[0].Stream.Value, results[0].StreamVersion, results.Max(r => r.Position), written, state.RecordedAt);
        return results;
    }

    /// <summary>
    /// Idempotency: when every event id is on the tape already with the same stream, type and payload
    /// digest, the original positions are the answer and nothing is written. A partial or different match
    /// is a conflict. Permanent: the tape itself is the dedupe index.
    /// </summary>
    private AppendResult[]? FindDuplicates(IReadOnlyList<EncodedStreamAppend> streams)
    {
        var found = 0;
        var total = 0;
        var results = new AppendResult[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            var positions = new EventPosition[streams[i].Events.Count];
            for (var e = 0; e < streams[i].Events.Count; e++)
            {
                total++;
                var encoded = streams[i].Events[e];
                var existing = _sql.FindIdentity(encoded.EventId);
                if (existing is null)
                {
                    continue;
                }

                var (seq, streamId, version, eventType, digest) = existing.Value;
                if (!string.Equals(streamId, streams[i].Stream.Value, StringComparison.Ordinal))
                {
                    throw new EventIdConflictException(encoded.EventId, $"it belongs to stream '{streamId}'");
                }

                if (!string.Equals(eventType, encoded.EventType, StringComparison.Ordinal))
                {
                    throw new EventIdConflictException(encoded.EventId, $"it has type '{eventType}'");
                }

                if (!digest.AsSpan().SequenceEqual(encoded.PayloadDigest))
                {
                    throw new EventIdConflictException(encoded.EventId, "its payload differs");
                }

                positions[e] = new EventPosition(encoded.EventId, seq, version);
                found++;
            }

            if (found == total)
            {
                results[i] = new AppendResult(streams[i].Stream, positions, positions.Max(p => p.StreamVersion), positions.Max(p => p.Seq), Duplicate: true);
            }
        }

        if (found == 0)
        {
            return null;
        }

        if (found != total)
        {
            throw new EventIdConflictException(FirstKnownId(streams), "only part of the append is on the tape already");
        }

        return results;
    }

    private Guid FirstKnownId(IReadOnlyList<EncodedStreamAppend> streams) =>
        streams.SelectMany(s => s.Events).First(e => _sql.FindIdentity(e.EventId) is not null).EventId;

    private ErasureResult Erase(EraseRequest request, GroupState state)
    {
        var erased = new List<long>();
        var already = new List<long>();
        foreach (var seq in request.Seqs.Distinct().Order())
        {
            var found = _sql.PayloadState(seq) ?? throw new NotFoundException("event", seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (found.EventType.StartsWith("journal.", StringComparison.Ordinal))
            {
                throw new RuleViolationException("erasure.system_event", $"event {seq} ({found.EventType}) is the journal's own record and cannot be erased");
            }

            if (found.Erased)
            {
                already.Add(seq);
                continue;
            }

            _sql.ErasePayload(seq);
            erased.Add(seq);
        }

        if (erased.Count == 0)
        {
            return new ErasureResult(erased, already, state.HeadSeq);
        }

        var record = new PayloadsErased(erased, request.Reason);
        var encoded = _serializer.Encode(new EventData(Guid.CreateVersion7(_time.GetUtcNow()), "journal.payloads_erased.v1", record), request.Metadata);
        var stream = PayloadsErased.Stream.Value;
        var version = StreamVersion(stream, state) + 1;
        var position = Insert(stream, version, encoded, state);
        state.SetVersion(stream, version);
        return new ErasureResult(erased, already, position);
    }

    private long Insert(string stream, long version, EncodedEvent encoded, GroupState state)
    {
        var seq = state.HeadSeq + 1;
        var fields = new ChainFields(seq, encoded.EventId, stream, version, encoded.EventType, state.RecordedAt);
        var hash = ChainHash.Compute(state.HeadHash, fields, encoded.MetadataDigest, encoded.PayloadDigest);
        _sql.Insert(fields, encoded, state.HeadHash, hash);
        state.Advance(seq, hash);
        return seq;
    }

    private long StreamVersion(string stream, GroupState state)
    {
        if (state.TryGetVersion(stream, out var pending))
        {
            return pending;
        }

        if (_versions.TryGetValue(stream, out var cached))
        {
            return cached;
        }

        var version = _sql.StreamVersion(stream);
        _versions[stream] = version;
        return version;
    }

    /// <summary>
    /// Another process may have written since our last commit; the head read inside the write
    /// transaction is the truth. When it moved, the stream-version cache is dropped.
    /// </summary>
    private void SyncHead(GroupState state)
    {
        var (seq, hash, recordedAt) = _sql.Head();
        if (seq == state.HeadSeq && hash.AsSpan().SequenceEqual(state.HeadHash))
        {
            return;
        }

        _versions.Clear();
        NoteForeign(state.HeadSeq, seq);
        state.Reset(seq, hash, Math.Max(state.RecordedAt, recordedAt));
    }

    /// <summary>Remembers that positions after <paramref name="knownHead"/> up to <paramref name="head"/> were committed by another connection.</summary>
    private void NoteForeign(long knownHead, long head)
    {
        if (head <= knownHead)
        {
            return;
        }

        lock (_foreign)
        {
            _foreign.Enqueue((knownHead + 1, head));
            if (_foreign.Count > MaxForeignRanges)
            {
                _foreignUnknownUpTo = _foreign.Dequeue().To;
            }
        }
    }

    /// <summary>The last position this writer committed or saw (read from any thread).</summary>
    public long HeadSeq => Interlocked.Read(ref _headSeq);

    /// <summary>
    /// Whether every one of <paramref name="seqs"/> lies after <paramref name="after"/> and was committed by
    /// this writer, not by another connection (as far as the recent foreign commits it saw tell).
    /// </summary>
    public bool CommittedHereAfter(IEnumerable<long> seqs, long after)
    {
        lock (_foreign)
        {
            foreach (var seq in seqs)
            {
                if (seq <= after || seq <= _foreignUnknownUpTo || _foreign.Any(r => seq >= r.From && seq <= r.To))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private void ReadHead()
    {
        var (seq, hash, recordedAt) = _sql.Head();
        Interlocked.Exchange(ref _headSeq, seq);
        _headHash = hash;
        _lastRecordedAt = recordedAt;
    }

    private void ReadHeadSafely()
    {
        try
        {
            ReadHead();
        }
        catch (SqliteException)
        {
            // The next group reads the head inside its own transaction anyway.
        }
    }

    private void TryRollback()
    {
        try
        {
            _sql.Rollback();
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back after an I/O error.
        }
        catch (InvalidOperationException)
        {
            // Already completed.
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

    private readonly record struct Outcome(object? Result, JournalException? Error)
    {
        public void Complete(WriteRequest request)
        {
            switch (request)
            {
                case AppendRequest append when Error is null:
                    append.Completion.TrySetResult((IReadOnlyList<AppendResult>)Result!);
                    break;
                case EraseRequest erase when Error is null:
                    erase.Completion.TrySetResult((ErasureResult)Result!);
                    break;
                default:
                    request.Fail(Error!);
                    break;
            }
        }
    }
}
