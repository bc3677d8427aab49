namespace Journal.Domain.Memory.Embeddings;

/// <summary>
/// A stable 32-bit hash of text: FNV-1a over the UTF-16 code units (both bytes of each), started from
/// a seed mixed into the FNV offset basis, then the MurmurHash3 finalizer so that every bit, the low
/// ones used for the bucket and the top one used for the sign, depends on every input character. The
/// same text gives the same hash in every process and on every platform (unlike string.GetHashCode).
/// </summary>
public static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The hash of <paramref name="text"/> under <paramref name="seed"/>.</summary>
    public static uint Of(ReadOnlySpan<char> text, uint seed = 0)
    {
        var hash = OffsetBasis ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }
}
