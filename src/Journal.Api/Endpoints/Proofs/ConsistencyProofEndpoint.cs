using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Journal.Api.Endpoints.Proofs;

/// <summary><c>GET /v1/journal/proofs/consistency</c>: that the tape at one size extends the tape at an earlier one.</summary>
internal static class ConsistencyProofEndpoint
{
    /// <summary>Prove the tape only grew</summary>
    /// <remarks>
    /// The consistency proof from the tree of the first <c>from</c> events to the tree of the first <c>to</c> (default:
    /// the head), with both roots: an auditor holding a checkpoint of size <c>from</c> checks that nothing before it
    /// was altered, removed or reordered.
    /// </remarks>
    internal static async Task<Ok<ConsistencyProofView>> Prove([FromServices] ServiceProofTape tape, [FromServices] EventStore.Ports.ITapeTree tree, CancellationToken ct, long? from = null, long? to = null) =>
        TypedResults.Ok(await ProofRequests.ConsistencyAsync(tape, tree, from, to, ct));
}
