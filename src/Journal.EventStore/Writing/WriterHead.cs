using Journal.EventStore.Chain;
using System.Data.Common;

namespace Journal.EventStore.Writing;

/// <summary>
/// The end of the chain as the writer knows it (last position, its hash, the latest time stamped) and
/// what the writer publishes when a group moved it. The head read inside a group's transaction is the
/// truth: another process may have written since the last commit.
/// </summary>
internal sealed class WriterHead
{
    private readonly ITapeStatements _sql;
    private readonly Action<long> _onCommitted;
    private long _seq;
    private byte[] _hash = ChainHash.Genesis.ToArray();
    private long _lastRecordedAt;

    public WriterHead(ITapeStatements sql, Action<long> onCommitted)
    {
        _sql = sql;
        _onCommitted = onCommitted;
        Read();
    }

    /// <summary>The last position this writer committed or saw (read from any thread).</summary>
    public long Seq => Interlocked.Read(ref _seq);

    /// <summary>The state a new group starts from; its events are stamped no earlier than the last group's.</summary>
    public GroupState Open(long now) => new(_seq, _hash, Math.Max(now, _lastRecordedAt));

    /// <summary>
    /// Brings the group's state to the head read inside its write transaction; true when it had moved
    /// (another connection wrote), and then the caller drops what it cached of the streams.
    /// </summary>
    public bool Sync(GroupState state)
    {
        var (seq, hash, recordedAt) = _sql.Head();
        if (seq == state.HeadSeq && hash.AsSpan().SequenceEqual(state.HeadHash))
        {
            return false;
        }

        state.Reset(seq, hash, Math.Max(state.RecordedAt, recordedAt));
        return true;
    }

    /// <summary>After a group that committed nothing: reads the head again (best effort).</summary>
    public void Reread()
    {
        try
        {
            Read();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The next group reads the head inside its own transaction anyway.
        }
    }

    /// <summary>Takes the committed group's head; true when the group wrote (the head moved).</summary>
    public bool Advance(GroupState state)
    {
        var wrote = state.HeadSeq != _seq;
        Interlocked.Exchange(ref _seq, state.HeadSeq);
        _hash = state.HeadHash;
        _lastRecordedAt = state.RecordedAt;
        return wrote;
    }

    /// <summary>
    /// Announces the new head. Called before any caller of the group resumes, so whoever sees an append
    /// return can rely on the notification having been sent; subscribers must not block.
    /// </summary>
    public void Publish() => _onCommitted(_seq);

    private void Read()
    {
        var (seq, hash, recordedAt) = _sql.Head();
        Interlocked.Exchange(ref _seq, seq);
        _hash = hash;
        _lastRecordedAt = recordedAt;
    }
}
