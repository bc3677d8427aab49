using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Journal.EventStore.Checkpoints;

/// <summary>
/// The erased-positions digest a <c>journal.checkpoint.v2</c> signs: SHA-256 over the erased positions in
/// ascending order, each as 8 bytes signed big-endian (SHA-256 of nothing when none is erased). Fed one
/// position at a time, so a tape with millions of erased payloads needs no list of them.
/// </summary>
public sealed class ErasedSeqsDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _last;

    /// <summary>Positions appended so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds the next erased position; positions must come in ascending order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is not above the previous one.</exception>
    public void Append(long seq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(seq, _last);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, seq);
        _hash.AppendData(bytes);
        _last = seq;
        Count++;
    }

    /// <summary>The digest of the positions appended (32 bytes).</summary>
    public byte[] Finish() => _hash.GetHashAndReset();

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();
}
