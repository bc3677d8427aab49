namespace Journal.EventStore.Writing;

/// <summary>
/// The recent ranges of positions another connection committed, as the writer found them when its head
/// had moved. Bounded: past <see cref="MaxRanges"/> the oldest are forgotten and everything up to them
/// counts as unknown. Written by the writer, read from any thread.
/// </summary>
internal sealed class ForeignCommits
{
    private const int MaxRanges = 256;

    private readonly Queue<(long From, long To)> _ranges = new();
    private long _unknownUpTo;

    /// <summary>Remembers that positions after <paramref name="knownHead"/> up to <paramref name="head"/> were committed by another connection.</summary>
    public void Note(long knownHead, long head)
    {
        if (head <= knownHead)
        {
            return;
        }

        lock (_ranges)
        {
            _ranges.Enqueue((knownHead + 1, head));
            if (_ranges.Count > MaxRanges)
            {
                _unknownUpTo = _ranges.Dequeue().To;
            }
        }
    }

    /// <summary>
    /// Whether every one of <paramref name="seqs"/> lies after <paramref name="after"/> and was committed by
    /// this writer, not by another connection (as far as the recent foreign commits it saw tell).
    /// </summary>
    public bool AllHereAfter(IEnumerable<long> seqs, long after)
    {
        lock (_ranges)
        {
            foreach (var seq in seqs)
            {
                if (seq <= after || seq <= _unknownUpTo || _ranges.Any(r => seq >= r.From && seq <= r.To))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
