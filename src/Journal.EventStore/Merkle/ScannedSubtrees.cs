namespace Journal.EventStore.Merkle;

/// <summary>
/// Complete subtrees computed in one pass over the leaves, with memory for O(log n) hashes: what a checker that
/// reads the whole tape anyway (the offline <c>verify</c> and <c>checkpoint</c> verbs) uses instead of a stored tree,
/// so it trusts nothing but the tape's rows.
/// </summary>
public sealed class ScannedSubtrees : IPerfectSubtrees
{
    private readonly Dictionary<SubtreeRange, byte[]> _found;

    private ScannedSubtrees(Dictionary<SubtreeRange, byte[]> found, long leaves)
    {
        _found = found;
        Leaves = leaves;
    }

    /// <summary>Leaves read.</summary>
    public long Leaves { get; }

    /// <summary>Reads the events' chain hashes in seq order (leaf 0 first) and keeps the hashes of the <paramref name="wanted"/> ranges.</summary>
    public static ScannedSubtrees Scan(IEnumerable<byte[]> eventHashes, IEnumerable<SubtreeRange> wanted)
    {
        ArgumentNullException.ThrowIfNull(eventHashes);
        var want = new HashSet<SubtreeRange>(wanted);
        var found = new Dictionary<SubtreeRange, byte[]>(want.Count);
        var frontier = new Stack<(SubtreeRange Range, byte[] Hash)>();
        long leaves = 0;
        foreach (var eventHash in eventHashes)
        {
            var range = new SubtreeRange(leaves, leaves + 1);
            var hash = MerkleHash.Leaf(eventHash);
            leaves++;
            while (true)
            {
                if (want.Contains(range))
                {
                    found[range] = (byte[])hash.Clone();
                }

                if (frontier.Count == 0 || frontier.Peek().Range.Size != range.Size)
                {
                    break;
                }

                var left = frontier.Pop();
                MerkleHash.Node(left.Hash, hash, hash);
                range = new SubtreeRange(left.Range.Start, range.End);
            }

            frontier.Push((range, hash));
        }

        return new ScannedSubtrees(found, leaves);
    }

    /// <summary>The perfect parts of every range given: what to ask <see cref="Scan"/> for before building proofs over these ranges.</summary>
    public static IEnumerable<SubtreeRange> PartsOf(IEnumerable<SubtreeRange> ranges) => ranges.SelectMany(range => range.PerfectParts());

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A range was not asked for, or lies beyond the leaves read.</exception>
    public IReadOnlyList<byte[]> Hashes(IReadOnlyList<SubtreeRange> ranges) => ranges
        .Select(range => _found.TryGetValue(range, out var hash)
            ? hash
            : throw new InvalidOperationException($"the subtree [{range.Start}, {range.End}) was not computed by the scan of {Leaves} leaves"))
        .ToArray();
}
