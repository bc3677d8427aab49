using Journal.Domain.Tape;
using Journal.EventStore.Merkle;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>
/// The tree of a list of event hashes kept whole in memory: every complete subtree hashed up front, level by level,
/// so that <see cref="MerkleProofs"/> over it is the reference the stored tree is held to.
/// </summary>
internal sealed class StoredTreeLeaves : IPerfectSubtrees
{
    private readonly List<byte[][]> _levels = [];

    public StoredTreeLeaves(IReadOnlyList<byte[]> eventHashes)
    {
        EventHashes = eventHashes;
        var level = eventHashes.Select(h => MerkleHash.Leaf(h)).ToArray();
        while (level.Length > 0)
        {
            _levels.Add(level);
            level = Enumerable.Range(0, level.Length / 2).Select(i => MerkleHash.Node(level[2 * i], level[(2 * i) + 1])).ToArray();
        }
    }

    public IReadOnlyList<byte[]> EventHashes { get; }

    public long Count => EventHashes.Count;

    public byte[] LeafHash(long index) => _levels[0][index];

    public IReadOnlyList<byte[]> Hashes(IReadOnlyList<SubtreeRange> ranges) =>
        ranges.Select(r => r.IsPerfect ? _levels[r.Level][r.Start >> r.Level] : throw new ArgumentException("not perfect")).ToArray();

    /// <summary>Appends <paramref name="count"/> events in commits of <paramref name="perCommit"/>.</summary>
    public static async Task AppendAsync(IEventStore store, int count, int perCommit = 100, string prefix = "e")
    {
        for (var at = 0; at < count; at += perCommit)
        {
            var events = Events.Many(Math.Min(perCommit, count - at), $"{prefix}{at}-");
            await store.AppendAsync(StreamId.Parse($"tree-{prefix}-{at}"), ExpectedVersion.NoStream, events, EventMetadata.Empty, default);
        }
    }

    /// <summary>The tape's event hashes from seq 1, read the way any client would.</summary>
    public static async Task<StoredTreeLeaves> ReadAsync(IEventStore store, long upTo = long.MaxValue)
    {
        var hashes = new List<byte[]>();
        await foreach (var e in store.ReadAllAsync(1, default))
        {
            if (e.Seq > upTo)
            {
                break;
            }

            hashes.Add(e.Hash.ToArray());
        }

        return new StoredTreeLeaves(hashes);
    }
}
