namespace Journal.EventStore.Tests.Merkle;

/// <summary>Copies of hashes and proofs with one thing changed.</summary>
internal static class Tamper
{
    /// <summary>A copy of <paramref name="hash"/> with bit <paramref name="bit"/> (0 = the first byte's lowest bit) flipped.</summary>
    public static byte[] Flip(byte[] hash, int bit)
    {
        var copy = (byte[])hash.Clone();
        copy[bit / 8 % copy.Length] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    /// <summary>A copy of the path with element <paramref name="at"/> given a flipped bit.</summary>
    public static byte[][] FlipIn(IReadOnlyList<byte[]> path, int at, int bit) =>
        path.Select((hash, i) => i == at ? Flip(hash, bit) : hash).ToArray();

    /// <summary>The path without its element <paramref name="at"/>.</summary>
    public static byte[][] Without(IReadOnlyList<byte[]> path, int at) => path.Where((_, i) => i != at).ToArray();

    /// <summary>The path with <paramref name="extra"/> inserted before element <paramref name="at"/> (at = Count appends).</summary>
    public static byte[][] With(IReadOnlyList<byte[]> path, int at, byte[] extra) =>
        [.. path.Take(at), extra, .. path.Skip(at)];

    /// <summary>Fails the test, saying <paramref name="what"/> was accepted, when the verifier accepted a tampered proof.</summary>
    public static void Refused(bool accepted, Func<string> what)
    {
        if (accepted)
        {
            Assert.Fail("accepted: " + what());
        }
    }
}
