using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Journal.Api.Endpoints.Proofs;

/// <summary><c>GET /v1/journal/tree</c>: the tree head at a size, signed when the journal has a checkpoint key.</summary>
internal static class TreeHeadEndpoint
{
    /// <summary>Read a tree head</summary>
    /// <remarks>
    /// The root of the tree of the first <c>size</c> events (default: the head) and the chain hash there; with a
    /// checkpoint key configured, also the head as a signed C2SP <c>tlog-checkpoint</c> note.
    /// </remarks>
    internal static async Task<Ok<TreeHeadView>> Read([FromServices] ServiceProofTape tape, [FromServices] EventStore.Ports.ITapeTree tree, [FromServices] TreeHeadSigner signer, CancellationToken ct, long? size = null) =>
        TypedResults.Ok(await ProofRequests.TreeHeadAsync(tape, tree, signer.Sign, size, ct));
}
