using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Journal.EventStore.Storage;
using Journal.EventStore.Tracing;
using System.Data.Common;

namespace Journal.EventStore.Writing;

/// <summary>
/// Commits waiting requests as one group: one transaction, each request applied on its own (a request
/// that fails is undone and the others still commit), then every caller completed with its own outcome.
/// Only the holder of the writer calls it.
/// </summary>
internal sealed class GroupCommit
{
    private readonly ITapeStatements _sql;
    private readonly WriteQueue _queue;
    private readonly WriterHead _head;
    private readonly TimeProvider _time;
    private readonly Action<int> _onGroup;
    private readonly StreamVersions _versions;
    private readonly GroupAppend _appends;
    private readonly GroupErasure _erasures;
    private readonly AppendTraceLog _traces;
    private readonly List<WriteRequest> _group = [];
    private readonly List<RequestOutcome> _outcomes = [];
    private long _groups;

    public GroupCommit(ITapeStatements sql, WriteQueue queue, WriterHead head, PayloadSerializer serializer, TimeProvider time, Action<int> onGroup, AppendTraceLog traces)
    {
        _traces = traces;
        _sql = sql;
        _queue = queue;
        _head = head;
        _time = time;
        _onGroup = onGroup;
        _versions = new StreamVersions(sql);
        var chain = new ChainInsert(sql);
        _appends = new GroupAppend(new IdempotencyKeys(sql), new DuplicateEvents(sql), _versions, chain);
        _erasures = new GroupErasure(sql, serializer, time, _versions, chain);
    }

    /// <summary>Group commits done so far.</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>
    /// Takes every request waiting (up to the group limit) and commits them; false when none was waiting.
    /// With <paramref name="gather"/>, the group also takes requests that arrive while it is open, until
    /// it has as many as the last group had (see <see cref="CohortGate"/>).
    /// </summary>
    public bool CommitNext(bool gather)
    {
        var group = _group;
        group.Clear();
        var events = _queue.Take(group, 0);
        if (group.Count == 0)
        {
            return false;
        }

        try
        {
            var expected = gather ? _queue.Expected : 0;
            if (_sql.GathersBeforeBegin)
            {
                events = GatherBeforeBegin(group, events, expected);
                expected = 0;
            }

            Commit(group, events, expected);
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

        _queue.Committed(group.Count);
        Interlocked.Increment(ref _groups);
        group.Clear();
        return true;
    }

    /// <summary>
    /// Waits, before the transaction starts, for the last group's callers to come back (up to the cohort wait):
    /// for a backend whose transaction holds a lock other writers wait on, the group gathers outside it.
    /// </summary>
    private int GatherBeforeBegin(List<WriteRequest> group, int events, int expected)
    {
        var deadline = _queue.Deadline();
        while (group.Count < expected && events < _queue.MaxEventsPerCommit && _queue.AwaitArrival(deadline))
        {
            events = _queue.Take(group, events);
        }

        return events;
    }

    private void Commit(List<WriteRequest> group, int events, int expected)
    {
        var outcomes = _outcomes;
        outcomes.Clear();
        var state = _head.Open(_time.GetUtcNow().ToUnixTimeMilliseconds());
        var open = false;
        try
        {
            _sql.Begin();
            open = true;

            // What the group will look up is named before the head is read: a backend that pays a round trip
            // per call sends both at once.
            _sql.Prepare(group, 0);
            if (_head.Sync(state))
            {
                _versions.Forget();
            }

            // An append checks everything that can refuse it before its first write, so a refused append
            // has written nothing and needs no savepoint. An erasure writes as it checks, so it always gets one.
            var deadline = _queue.Deadline();
            while (true)
            {
                _sql.Prepare(group, outcomes.Count);
                for (var i = outcomes.Count; i < group.Count; i++)
                {
                    outcomes.Add(ApplyOne(group[i], state, savepoint: group[i] is EraseRequest));
                }

                if (group.Count >= expected || events >= _queue.MaxEventsPerCommit || !_queue.AwaitArrival(deadline))
                {
                    break;
                }

                events = _queue.Take(group, events);
            }

            if (group.Count == 1 && outcomes[0].Error is not null)
            {
                _sql.Rollback();
            }
            else
            {
                // Remembered before the commit, so a projection that reads the new rows finds their spans;
                // forgotten again if the commit fails.
                RememberTraces(group, outcomes);
                if (state.Counts() is { } counts)
                {
                    _sql.AddCounts(counts);
                }

                _sql.Commit();
            }

            open = false;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
        {
            if (open)
            {
                Abandon();
                open = false;
            }

            // The failed group committed nothing: what is cached may no longer be true.
            _versions.Forget();
            _head.Reread();
            var error = ex is DbException database
                ? _sql.Describe("the tape could not be written", database)
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
                Abandon();
            }
        }

        _versions.Keep(state);
        var wrote = _head.Advance(state);
        _onGroup(group.Count);

        // Published before any caller resumes (see WriterHead.Publish).
        if (wrote)
        {
            _head.Publish();
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (group[i] is AppendRequest append)
            {
                append.GroupSize = group.Count;
            }

            outcomes[i].Complete(group[i]);
        }
    }

    /// <summary>Remembers the span of every traced append of the group that wrote (not a refused one, not a duplicate).</summary>
    private void RememberTraces(List<WriteRequest> group, List<RequestOutcome> outcomes)
    {
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i] is AppendRequest { Trace: { } trace }
                && outcomes[i] is { Error: null, Result: AppendResult[] results }
                && TapeTracing.Positions(results) is var (first, last)
                && !results.All(r => r.Duplicate))
            {
                _traces.Remember(trace with { FirstSeq = first, LastSeq = last });
            }
        }
    }

    /// <summary>Rolls the group back; the spans it remembered name positions it never wrote.</summary>
    private void Abandon()
    {
        TryRollback();
        _traces.ForgetAfter(_head.Seq);
    }

    private RequestOutcome ApplyOne(WriteRequest request, GroupState state, bool savepoint)
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
                AppendRequest append => _appends.Apply(append, state),
                EraseRequest erase => _erasures.Apply(erase, state),
                _ => throw new InvalidOperationException("unknown write request"),
            };
            if (savepoint)
            {
                _sql.ReleaseSavepoint();
            }

            return new RequestOutcome(result, null);
        }
        catch (JournalException ex)
        {
            RollbackTo(savepoint);
            state.Undo(mark);
            return new RequestOutcome(null, ex);
        }
        catch (DbException ex) when (savepoint && _sql.IsConstraintViolation(ex))
        {
            RollbackTo(savepoint);
            state.Undo(mark);
            return new RequestOutcome(null, new StorageException($"the append broke a tape constraint: {ex.Message}", ex));
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

    private void TryRollback()
    {
        try
        {
            _sql.Rollback();
        }
        catch (DbException)
        {
            // The database may already have rolled back after an I/O error or a lost connection.
        }
        catch (InvalidOperationException)
        {
            // Already completed.
        }
    }
}
