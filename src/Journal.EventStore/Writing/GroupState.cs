namespace Journal.EventStore.Writing;

/// <summary>
/// What a group commit has written so far and not yet committed: the head and the stream versions.
/// A request that fails is undone back to its mark, so the next request sees the state as if it never ran.
/// </summary>
internal sealed class GroupState(long headSeq, byte[] headHash, long recordedAt)
{
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly List<(string Stream, long? Previous)> _undo = [];
    private readonly List<(string EventType, bool OpensStream)> _written = [];
    private long _erased;

    public long HeadSeq { get; private set; } = headSeq;

    public byte[] HeadHash { get; private set; } = headHash;

    /// <summary>The time stamped on every event of the group (never earlier than the previous group's).</summary>
    public long RecordedAt { get; private set; } = recordedAt;

    public IReadOnlyDictionary<string, long> Versions => _versions;

    public bool TryGetVersion(string stream, out long version) => _versions.TryGetValue(stream, out version);

    public void SetVersion(string stream, long version)
    {
        _undo.Add((stream, _versions.TryGetValue(stream, out var previous) ? previous : null));
        _versions[stream] = version;
    }

    public void Advance(long seq, byte[] hash)
    {
        HeadSeq = seq;
        HeadHash = hash;
    }

    /// <summary>Counts one event the group wrote: its type, and whether it opened its stream (version 1).</summary>
    public void Count(string eventType, bool opensStream) => _written.Add((eventType, opensStream));

    /// <summary>Counts payloads the group erased.</summary>
    public void CountErased(int payloads) => _erased += payloads;

    /// <summary>What the group adds to the kept counts (see <see cref="GroupCounts"/>), or null when it wrote nothing.</summary>
    public GroupCounts? Counts()
    {
        if (_written.Count == 0 && _erased == 0)
        {
            return null;
        }

        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var streams = 0L;
        foreach (var (type, opens) in _written)
        {
            byType[type] = byType.GetValueOrDefault(type) + 1;
            streams += opens ? 1 : 0;
        }

        // A group's rows take consecutive positions up to the head, so they are the ones after this.
        return new GroupCounts(_written.Count, streams, _erased, byType, HeadSeq - _written.Count);
    }

    public void Reset(long seq, byte[] hash, long recordedAt)
    {
        HeadSeq = seq;
        HeadHash = hash;
        RecordedAt = recordedAt;
        _versions.Clear();
        _undo.Clear();
        _written.Clear();
        _erased = 0;
    }

    public Mark Mark() => new(HeadSeq, HeadHash, _undo.Count, _written.Count, _erased);

    public void Undo(Mark mark)
    {
        for (var i = _undo.Count - 1; i >= mark.UndoCount; i--)
        {
            var (stream, previous) = _undo[i];
            if (previous is { } value)
            {
                _versions[stream] = value;
            }
            else
            {
                _versions.Remove(stream);
            }
        }

        _undo.RemoveRange(mark.UndoCount, _undo.Count - mark.UndoCount);
        _written.RemoveRange(mark.Written, _written.Count - mark.Written);
        _erased = mark.Erased;
        HeadSeq = mark.HeadSeq;
        HeadHash = mark.HeadHash;
    }
}

/// <summary>A point a request can be undone back to.</summary>
internal readonly record struct Mark(long HeadSeq, byte[] HeadHash, int UndoCount, int Written, long Erased);
