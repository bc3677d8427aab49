using System.Globalization;
using Journal.Domain.Errors;
using Journal.EventStore.Ports;

namespace Journal.Api.Endpoints.Proofs;

/// <summary>
/// The three proof requests, checked against the tape's head and answered from its tree: one code path for the HTTP
/// endpoints and the <c>prove</c> verb, so both print the same JSON and refuse the same input.
/// </summary>
internal static class ProofRequests
{
    /// <summary>The inclusion proof of the event at <paramref name="seq"/> or with <paramref name="eventId"/> (exactly one) in the tree of <paramref name="treeSize"/> events (default: the head).</summary>
    public static async Task<InclusionProofView> InclusionAsync(IProofTape tape, ITapeTree tree, long? seq, Guid? eventId, long? treeSize, CancellationToken ct)
    {
        if (seq.HasValue == eventId.HasValue)
        {
            throw new ValidationException(seq.HasValue ? "eventId" : "seq", "give exactly one of seq and eventId");
        }

        var head = await tape.ReadHeadSeqAsync(ct).ConfigureAwait(false);
        var recorded = eventId is { } id
            ? await tape.FindEventAsync(id, ct).ConfigureAwait(false) ?? throw new NotFoundException("event", id.ToString("D"))
            : null;
        var size = ProofInput.TreeSize(treeSize, head, "treeSize");
        var position = ProofInput.Seq(recorded?.Seq ?? seq!.Value, size);
        recorded ??= tape.ReadEvent(position) ?? throw new NotFoundException("event", position.ToString(CultureInfo.InvariantCulture));
        var proof = await tree.InclusionAsync(position, size, ct).ConfigureAwait(false);
        return InclusionProofView.From(proof, recorded);
    }

    /// <summary>The consistency proof from the tree of <paramref name="from"/> events to the tree of <paramref name="to"/> (default: the head).</summary>
    public static async Task<ConsistencyProofView> ConsistencyAsync(IProofTape tape, ITapeTree tree, long? from, long? to, CancellationToken ct)
    {
        var head = await tape.ReadHeadSeqAsync(ct).ConfigureAwait(false);
        var toSize = ProofInput.TreeSize(to, head, "to");
        var fromSize = from ?? throw new ValidationException("from", "the older tree's size is required");
        if (fromSize < 1 || fromSize > toSize)
        {
            throw new ValidationException("from", $"from is 1 to the newer tree's size {toSize}");
        }

        return ConsistencyProofView.From(await tree.ConsistencyAsync(fromSize, toSize, ct).ConfigureAwait(false));
    }

    /// <summary>The tree head at <paramref name="size"/> (default: the head), with the chain hash there and, given a signer, its signed note.</summary>
    public static async Task<TreeHeadView> TreeHeadAsync(IProofTape tape, ITapeTree tree, Func<TreeHead, string?> sign, long? size, CancellationToken ct)
    {
        var head = await tape.ReadHeadSeqAsync(ct).ConfigureAwait(false);
        var treeSize = ProofInput.TreeSize(size, head, "size");
        var treeHead = await tree.HeadAsync(treeSize, ct).ConfigureAwait(false);
        var chainHash = treeSize == 0 ? null : await tape.ReadHashAtAsync(treeSize, ct).ConfigureAwait(false);
        return TreeHeadView.From(treeHead, chainHash ?? new byte[32], sign(treeHead));
    }
}
