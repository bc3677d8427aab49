namespace Journal.ControlRoom.Hosting;

/// <summary>
/// The tape's Merkle tree as the Tape pages show it: the host answers from the same code as
/// <c>GET /v1/journal/tree</c> and <c>GET /v1/journal/proofs/inclusion</c>.
/// </summary>
public interface IProofDesk
{
    /// <summary>The tree head at the tape's head, with its signed checkpoint when the journal has a checkpoint key.</summary>
    Task<TreeHeadFacts> TreeHeadAsync(CancellationToken ct);

    /// <summary>The inclusion proof of the event at <paramref name="seq"/> in the tree at the head, checked here.</summary>
    Task<InclusionFacts> InclusionAsync(long seq, CancellationToken ct);

    /// <summary>The last checkpoint the service published (<c>Journal:CheckpointIntervalMinutes</c>) since it started, or null.</summary>
    PublishedCheckpoint? LastPublished();
}

/// <summary>A checkpoint the service signed and wrote (or failed to).</summary>
/// <param name="At">When.</param>
/// <param name="Seq">The head it signed.</param>
/// <param name="Path">The file written, or null when it failed.</param>
/// <param name="Error">Why it failed, or null.</param>
public sealed record PublishedCheckpoint(DateTimeOffset At, long Seq, string? Path, string? Error);

/// <summary>A tree head.</summary>
/// <param name="Size">Events in the tree.</param>
/// <param name="Root">Its root, base64.</param>
/// <param name="ChainHash">The hash chain's hash at the same size, hex.</param>
/// <param name="Checkpoint">The signed C2SP <c>tlog-checkpoint</c> note of this head, or null without a checkpoint key.</param>
public sealed record TreeHeadFacts(long Size, string Root, string ChainHash, string? Checkpoint);

/// <summary>An event's inclusion proof.</summary>
/// <param name="Seq">The event.</param>
/// <param name="LeafIndex">Its leaf (seq - 1).</param>
/// <param name="TreeSize">The tree it is proved in.</param>
/// <param name="LeafHash">SHA-256(0x00 || event hash), base64.</param>
/// <param name="AuditPath">The sibling hashes, leaf to root, base64.</param>
/// <param name="Root">The root the path leads to, base64.</param>
/// <param name="Verified">Whether the path from the leaf hash leads to the root (RFC 9162's check).</param>
public sealed record InclusionFacts(long Seq, long LeafIndex, long TreeSize, string LeafHash, IReadOnlyList<string> AuditPath, string Root, bool Verified);
