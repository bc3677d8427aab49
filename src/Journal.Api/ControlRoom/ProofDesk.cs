using Journal.Api.Endpoints.Proofs;
using Journal.ControlRoom.Hosting;
using Journal.EventStore.Merkle;
using Journal.EventStore.Ports;

namespace Journal.Api.ControlRoom;

/// <summary>The Tape pages' tree head and proofs: the proof endpoints' own requests, the inclusion proof checked as a client would.</summary>
internal sealed class ProofDesk(ServiceProofTape tape, ITapeTree tree, TreeHeadSigner signer, Operations.OperationsStatus status) : IProofDesk
{
    public async Task<TreeHeadFacts> TreeHeadAsync(CancellationToken ct)
    {
        var head = await ProofRequests.TreeHeadAsync(tape, tree, signer.Sign, null, ct);
        return new TreeHeadFacts(head.Size, head.Root, head.ChainHash, head.Checkpoint);
    }

    public async Task<InclusionFacts> InclusionAsync(long seq, CancellationToken ct)
    {
        var proof = await ProofRequests.InclusionAsync(tape, tree, seq, null, null, ct);
        var verified = MerkleVerifier.VerifyInclusion(
            proof.LeafIndex, proof.TreeSize, Convert.FromBase64String(proof.LeafHash), [.. proof.AuditPath.Select(Convert.FromBase64String)], Convert.FromBase64String(proof.Root));
        return new InclusionFacts(proof.Seq, proof.LeafIndex, proof.TreeSize, proof.LeafHash, proof.AuditPath, proof.Root, verified);
    }

    public PublishedCheckpoint? LastPublished() =>
        status.Checkpoint is { } run ? new PublishedCheckpoint(run.At, run.Seq, run.Path, run.Error) : null;
}
