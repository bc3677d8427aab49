using System.Security.Cryptography;
using Journal.EventStore.Merkle;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>
/// A Merkle tree written straight from RFC 9162, section 2.1, with its own SHA-256 calls: MTH, PATH and PROOF as the
/// RFC's recursive definitions over a list of event hashes. Slow on purpose (memoised, never clever), so that what the
/// production code builds can be compared with it. As an <see cref="IPerfectSubtrees"/> it answers any complete
/// subtree and fails the test on any other range.
/// </summary>
internal sealed class ReferenceTree : IPerfectSubtrees
{
    private readonly List<byte[]> _events = [];
    private readonly Dictionary<(int Start, int End), byte[]> _memo = [];

    /// <summary>A tree of <paramref name="size"/> leaves whose event hashes are SHA-256 of "event 1", "event 2", ...</summary>
    public ReferenceTree(int size)
    {
        for (var seq = 1; seq <= size; seq++)
        {
            _events.Add(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("event " + seq)));
        }
    }

    private ReferenceTree(List<byte[]> events) => _events = events;

    /// <summary>The same tape with the event at <paramref name="index"/> replaced: a rewritten past.</summary>
    public ReferenceTree Rewritten(int index)
    {
        var events = new List<byte[]>(_events);
        events[index] = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("rewritten " + (index + 1)));
        return new ReferenceTree(events);
    }

    /// <summary>How many times <see cref="Hashes"/> was called.</summary>
    public int Reads { get; private set; }

    public int Size => _events.Count;

    public byte[] EventHash(int index) => _events[index];

    /// <summary>SHA-256(0x00 || event hash).</summary>
    public byte[] LeafHash(int index) => Sha256([0x00], _events[index]);

    /// <summary>MTH(D[start:end]).</summary>
    public byte[] Mth(int start, int end)
    {
        if (start == end)
        {
            return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }

        if (end - start == 1)
        {
            return LeafHash(start);
        }

        if (!_memo.TryGetValue((start, end), out var hash))
        {
            var k = K(end - start);
            hash = Sha256([0x01], Mth(start, start + k), Mth(start + k, end));
            _memo[(start, end)] = hash;
        }

        return hash;
    }

    /// <summary>The root of the first <paramref name="size"/> leaves: MTH(D[0:size]).</summary>
    public byte[] Root(int size) => Mth(0, size);

    /// <summary>PATH(m, D[0:n]), RFC 9162 section 2.1.3.1.</summary>
    public List<byte[]> Path(int m, int n) => Path(m, 0, n);

    /// <summary>PROOF(m, D[0:n]), RFC 9162 section 2.1.4.1.</summary>
    public List<byte[]> Proof(int m, int n) => SubProof(m, 0, n, true);

    public IReadOnlyList<byte[]> Hashes(IReadOnlyList<SubtreeRange> ranges) => Read(ranges, Size);

    /// <summary>The tree as it stood at <paramref name="size"/> leaves: asking for a later leaf fails the test.</summary>
    public IPerfectSubtrees AtSize(int size) => new Prefix(this, size);

    private IReadOnlyList<byte[]> Read(IReadOnlyList<SubtreeRange> ranges, int size)
    {
        Reads++;
        return ranges.Select(range =>
        {
            if (!range.IsPerfect || range.End > size)
            {
                Assert.Fail($"asked for [{range.Start}, {range.End}), which is not a complete subtree of the first {size} leaves");
            }

            return Mth((int)range.Start, (int)range.End);
        }).ToArray();
    }

    /// <summary>The largest power of two smaller than n (n > 1).</summary>
    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private List<byte[]> Path(int m, int start, int end)
    {
        if (end - start == 1)
        {
            return [];
        }

        var k = K(end - start);
        if (m < k)
        {
            return [.. Path(m, start, start + k), Mth(start + k, end)];
        }

        return [.. Path(m - k, start + k, end), Mth(start, start + k)];
    }

    private List<byte[]> SubProof(int m, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(start, end)];
        }

        var k = K(n);
        if (m <= k)
        {
            return [.. SubProof(m, start, start + k, b), Mth(start + k, end)];
        }

        return [.. SubProof(m - k, start + k, end, false), Mth(start, start + k)];
    }

    private static byte[] Sha256(params byte[][] parts) => SHA256.HashData(parts.SelectMany(p => p).ToArray());

    private sealed class Prefix(ReferenceTree tree, int size) : IPerfectSubtrees
    {
        public IReadOnlyList<byte[]> Hashes(IReadOnlyList<SubtreeRange> ranges) => tree.Read(ranges, size);
    }
}
