namespace Journal.Api.Endpoints.Proofs;

/// <summary>The tape's Merkle tree: tree heads, inclusion and consistency proofs (reader role).</summary>
internal static class ProofEndpoints
{
    public static void MapProofs(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/journal", FeatureTags.Proofs);
        group.MapGet("/tree", TreeHeadEndpoint.Read).WithName("ReadTreeHead");
        group.MapGet("/proofs/inclusion", InclusionProofEndpoint.Prove).WithName("ProveInclusion");
        group.MapGet("/proofs/consistency", ConsistencyProofEndpoint.Prove).WithName("ProveConsistency");
    }
}
