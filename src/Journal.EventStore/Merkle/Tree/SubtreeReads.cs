namespace Journal.EventStore.Merkle.Tree;

/// <summary>
/// Reads the hashes of the perfect ranges a root or a proof needs before it is built: the ranges of 16 leaves and
/// more from the store in one call, the smaller ones hashed from one tape range read per 16-leaf chunk they fall in
/// (a proof's small ranges sit beside its leaf and its tree sizes, so at most two chunks).
/// </summary>
public sealed class SubtreeReads(ITreeNodeStore store, ITapeHashSource tape)
{
    /// <summary>The hashes of <paramref name="ranges"/> (each perfect), as a source <see cref="MerkleProofs"/> reads from.</summary>
    /// <exception cref="InvalidDataException">The store lacks a node it should hold, or the tape a row.</exception>
    public async Task<IPerfectSubtrees> ReadAsync(IEnumerable<SubtreeRange> ranges, CancellationToken ct)
    {
        var known = new Dictionary<SubtreeRange, byte[]>();
        var stored = new HashSet<(int Level, long Index)>();
        var small = new List<SubtreeRange>();
        foreach (var range in ranges.Distinct())
        {
            if (!range.IsPerfect)
            {
                throw new ArgumentException($"the range [{range.Start}, {range.End}) is not a complete subtree", nameof(ranges));
            }

            if (range.Level >= StoredLevels.Lowest)
            {
                stored.Add(TreeNode.KeyOf(range));
            }
            else
            {
                small.Add(range);
            }
        }

        if (stored.Count > 0)
        {
            var nodes = await store.ReadNodesAsync(stored, ct).ConfigureAwait(false);
            foreach (var key in stored)
            {
                known[new SubtreeRange(key.Index << key.Level, (key.Index + 1) << key.Level)] = nodes.TryGetValue(key, out var hash)
                    ? hash
                    : throw new InvalidDataException($"the stored Merkle tree lacks node {key.Level}/{key.Index}");
            }
        }

        foreach (var chunk in small.GroupBy(r => r.Start >> StoredLevels.Lowest))
        {
            var first = chunk.Key << StoredLevels.Lowest;
            var count = (int)(chunk.Max(r => r.End) - first);
            var hashes = new byte[count * MerkleHash.Size];
            if (await tape.ReadHashesAsync(first + 1, count, hashes, ct).ConfigureAwait(false) != count)
            {
                throw new InvalidDataException($"the tape lacks events between seq {first + 1} and {first + count}");
            }

            foreach (var range in chunk)
            {
                known[range] = LeafRuns.Root(hashes, (int)(range.Start - first), (int)range.Size);
            }
        }

        return new KnownSubtrees(known);
    }

    private sealed class KnownSubtrees(Dictionary<SubtreeRange, byte[]> known) : IPerfectSubtrees
    {
        public IReadOnlyList<byte[]> Hashes(IReadOnlyList<SubtreeRange> ranges) => ranges.Select(r => known[r]).ToArray();
    }
}
