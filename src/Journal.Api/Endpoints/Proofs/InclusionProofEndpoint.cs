using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Journal.Api.Endpoints.Proofs;

/// <summary><c>GET /v1/journal/proofs/inclusion</c>: that one event is in the tape, in O(log n) hashes.</summary>
internal static class InclusionProofEndpoint
{
    /// <summary>Prove an event is in the tape</summary>
    /// <remarks>
    /// The event at <c>seq</c>, or with <c>eventId</c> (exactly one of them), in the tree of the first <c>treeSize</c>
    /// events (default: the head): its leaf index, the audit path and the root, verifiable with
    /// <c>tools/verify_proofs.py inclusion</c> or any RFC 9162 verifier.
    /// </remarks>
    internal static async Task<Ok<InclusionProofView>> Prove([FromServices] ServiceProofTape tape, [FromServices] EventStore.Ports.ITapeTree tree, CancellationToken ct, long? seq = null, Guid? eventId = null, long? treeSize = null) =>
        TypedResults.Ok(await ProofRequests.InclusionAsync(tape, tree, seq, eventId, treeSize, ct));
}
