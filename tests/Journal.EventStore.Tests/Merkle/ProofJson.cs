using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.EventStore.Merkle;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>Proofs in the service's JSON form (docs/hash-chain.md, "The proofs as JSON"), to be changed and written out.</summary>
internal static class ProofJson
{
    public static JsonObject Inclusion(InclusionProof proof, byte[] eventHash) => new()
    {
        ["seq"] = proof.LeafIndex + 1,
        ["leafIndex"] = proof.LeafIndex,
        ["treeSize"] = proof.TreeSize,
        ["eventHash"] = Convert.ToHexStringLower(eventHash),
        ["leafHash"] = Convert.ToBase64String(MerkleHash.Leaf(eventHash)),
        ["auditPath"] = Base64(proof.Path),
        ["root"] = Convert.ToBase64String(proof.Root),
    };

    public static JsonObject Consistency(ConsistencyProof proof) => new()
    {
        ["fromSize"] = proof.FromSize,
        ["toSize"] = proof.ToSize,
        ["proof"] = Base64(proof.Path),
        ["fromRoot"] = Convert.ToBase64String(proof.FromRoot),
        ["toRoot"] = Convert.ToBase64String(proof.ToRoot),
    };

    /// <summary>The base64 of a hash with one bit flipped.</summary>
    public static string Flipped(JsonNode? base64) => Convert.ToBase64String(Tamper.Flip(Convert.FromBase64String(base64!.GetValue<string>()), 3));

    public static async Task<string> WriteAsync(TempDirectory directory, JsonNode json)
    {
        var path = directory.File(Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static JsonArray Base64(IEnumerable<byte[]> hashes) => new(hashes.Select(h => (JsonNode)Convert.ToBase64String(h)).ToArray());
}
