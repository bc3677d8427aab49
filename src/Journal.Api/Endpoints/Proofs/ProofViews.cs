using Journal.EventStore.Merkle;
using Journal.EventStore.Ports;

namespace Journal.Api.Endpoints.Proofs;

/// <summary>
/// An inclusion proof as the API and the <c>prove</c> verb print it (docs/hash-chain.md, "Merkle tree and proofs"):
/// hashes of the tree in base64, the event's chain hash in hex as everywhere else.
/// </summary>
/// <param name="Seq">The event's position.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="LeafIndex">seq - 1.</param>
/// <param name="TreeSize">The tree the proof is in: its first <paramref name="TreeSize"/> events.</param>
/// <param name="EventHash">The event's chain hash (hex).</param>
/// <param name="LeafHash">SHA-256(0x00 || event hash), base64.</param>
/// <param name="AuditPath">The sibling hashes from the leaf up, base64.</param>
/// <param name="Root">The root of the tree of <paramref name="TreeSize"/> events, base64.</param>
public sealed record InclusionProofView(long Seq, Guid EventId, long LeafIndex, long TreeSize, string EventHash, string LeafHash, IReadOnlyList<string> AuditPath, string Root)
{
    /// <summary>The view of a proof of <paramref name="recorded"/>.</summary>
    public static InclusionProofView From(InclusionProof proof, Journal.Domain.Tape.RecordedEvent recorded) => new(
        recorded.Seq,
        recorded.EventId,
        proof.LeafIndex,
        proof.TreeSize,
        Convert.ToHexStringLower(recorded.Hash.Span),
        Convert.ToBase64String(MerkleHash.Leaf(recorded.Hash.Span)),
        Base64(proof.Path),
        Convert.ToBase64String(proof.Root));

    internal static IReadOnlyList<string> Base64(IReadOnlyList<byte[]> hashes) => hashes.Select(Convert.ToBase64String).ToArray();
}

/// <summary>A consistency proof: the tree of <paramref name="ToSize"/> events extends the tree of <paramref name="FromSize"/>.</summary>
/// <param name="FromSize">The older tree's size.</param>
/// <param name="ToSize">The newer tree's size.</param>
/// <param name="Proof">The proof's hashes (RFC 9162 order), base64.</param>
/// <param name="FromRoot">The older tree's root, base64.</param>
/// <param name="ToRoot">The newer tree's root, base64.</param>
public sealed record ConsistencyProofView(long FromSize, long ToSize, IReadOnlyList<string> Proof, string FromRoot, string ToRoot)
{
    /// <summary>The view of <paramref name="proof"/>.</summary>
    public static ConsistencyProofView From(ConsistencyProof proof) => new(
        proof.FromSize,
        proof.ToSize,
        InclusionProofView.Base64(proof.Path),
        Convert.ToBase64String(proof.FromRoot),
        Convert.ToBase64String(proof.ToRoot));
}

/// <summary>A tree head: the root of the tree of the first <paramref name="Size"/> events, and the chain hash of the last of them.</summary>
/// <param name="Size">Events in the tree (the position of its last event).</param>
/// <param name="Root">The root, base64.</param>
/// <param name="ChainHash">The chain hash at position <paramref name="Size"/> (hex; 64 zeros for the empty tree).</param>
/// <param name="Checkpoint">
/// The same head as a C2SP <c>tlog-checkpoint</c> signed note by the journal's checkpoint key; null when no key is
/// configured (<c>Journal:CheckpointKeyPath</c>).
/// </param>
public sealed record TreeHeadView(long Size, string Root, string ChainHash, string? Checkpoint)
{
    /// <summary>The view of <paramref name="head"/>.</summary>
    public static TreeHeadView From(TreeHead head, ReadOnlySpan<byte> chainHash, string? checkpoint) =>
        new(head.Size, Convert.ToBase64String(head.Root), Convert.ToHexStringLower(chainHash), checkpoint);
}
