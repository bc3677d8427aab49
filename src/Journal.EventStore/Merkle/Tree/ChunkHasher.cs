using System.Security.Cryptography;

namespace Journal.EventStore.Merkle.Tree;

/// <summary>
/// Hashes the builder's 16-leaf chunks with one reused SHA-256 context (about a third cheaper per hash than the
/// one-shot call, which sets a context up and tears it down each time): the same bytes as <see cref="MerkleHash"/>,
/// <c>SHA-256(0x00 || event hash)</c> for a leaf and <c>SHA-256(0x01 || left || right)</c> for a node, which the
/// tests hold it to. Not thread-safe: the builder keeps one.
/// </summary>
public sealed class ChunkHasher : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _preimage = new byte[1 + (2 * MerkleHash.Size)];
    private readonly byte[] _level = new byte[StoredLevels.ChunkLeaves * MerkleHash.Size];

    /// <summary>
    /// The root of the complete subtree over <paramref name="leaves"/> consecutive events (a power of two, at most 16)
    /// whose chain hashes start at event <paramref name="offset"/> of <paramref name="eventHashes"/> (32 bytes each).
    /// </summary>
    public byte[] Root(ReadOnlySpan<byte> eventHashes, int offset, int leaves)
    {
        if (leaves <= 0 || leaves > StoredLevels.ChunkLeaves || (leaves & (leaves - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(leaves), leaves, "a chunk is a power of two of leaves, at most 16");
        }

        const int size = MerkleHash.Size;
        _preimage[0] = 0x00;
        for (var i = 0; i < leaves; i++)
        {
            eventHashes.Slice((offset + i) * size, size).CopyTo(_preimage.AsSpan(1));
            _sha.AppendData(_preimage, 0, 1 + size);
            _sha.GetHashAndReset(_level.AsSpan(i * size, size));
        }

        _preimage[0] = 0x01;
        for (var width = leaves; width > 1; width /= 2)
        {
            for (var i = 0; i < width / 2; i++)
            {
                _level.AsSpan(2 * i * size, 2 * size).CopyTo(_preimage.AsSpan(1));
                _sha.AppendData(_preimage);
                _sha.GetHashAndReset(_level.AsSpan(i * size, size));
            }
        }

        return _level.AsSpan(0, size).ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _sha.Dispose();
}
