using System.Security.Cryptography;

namespace Journal.EventStore.Merkle;

/// <summary>
/// The hashes of the tape's Merkle tree (RFC 9162, section 2.1.1), whose leaves are the events' chain hashes in seq
/// order: a leaf is <c>SHA-256(0x00 || event hash)</c>, an inner node <c>SHA-256(0x01 || left || right)</c>, and the
/// empty tree's root <c>SHA-256("")</c>. Described byte for byte in docs/hash-chain.md, "Merkle tree and proofs".
/// </summary>
public static class MerkleHash
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    /// <summary>The root of the tree with no leaves.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The leaf hash of one event, from its chain hash.</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> eventHash)
    {
        var hash = new byte[Size];
        Leaf(eventHash, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash of one event into <paramref name="destination"/> (32 bytes).</summary>
    public static void Leaf(ReadOnlySpan<byte> eventHash, Span<byte> destination)
    {
        Span<byte> preimage = stackalloc byte[1 + Size];
        preimage[0] = 0x00;
        Exactly(eventHash, "an event hash").CopyTo(preimage[1..]);
        SHA256.HashData(preimage, destination);
    }

    /// <summary>The hash of an inner node over its two children.</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>Writes the hash of an inner node into <paramref name="destination"/> (32 bytes, may alias a child).</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> preimage = stackalloc byte[1 + (2 * Size)];
        preimage[0] = 0x01;
        Exactly(left, "a node's left child").CopyTo(preimage[1..]);
        Exactly(right, "a node's right child").CopyTo(preimage[(1 + Size)..]);
        SHA256.HashData(preimage, destination);
    }

    private static ReadOnlySpan<byte> Exactly(ReadOnlySpan<byte> hash, string what) => hash.Length == Size
        ? hash
        : throw new ArgumentException($"{what} is {Size} bytes, not {hash.Length}");
}
