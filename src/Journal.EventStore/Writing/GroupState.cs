namespace Journal.EventStore.Writing;

/// <summary>
/// What a group commit has written so far and not yet committed: the head and the stream versions.
/// A request that fails is undone back to its mark, so the next request sees the state as if it never ran.
/// </summary>
internal sealed class GroupState(long headSeq, byte[] headHash, long recordedAt)
{
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly List<(string Stream, long? Previous)> _undo = [];

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

    public void Reset(long seq, byte[] hash, long recordedAt)
    {
        HeadSeq = seq;
        HeadHash = hash;
        RecordedAt = recordedAt;
        _versions.Clear();
        _undo.Clear();
    }

    public Mark Mark() => new(HeadSeq, HeadHash, _undo.Count);

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
        HeadSeq = mark.HeadSeq;
        HeadHash = mark.HeadHash;
    }
}

/// <summary>A point a request can be undone back to.</summary>
internal readonly record struct Mark(long HeadSeq, byte[] HeadHash, int UndoCount);
