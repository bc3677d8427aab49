using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Journal.EventStore.Merkle;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>The worked example of docs/hash-chain.md, "Merkle tree and proofs", parsed from the page and recomputed from the code.</summary>
public sealed class MerkleSpecTests : IDisposable
{
    private static readonly ReferenceTree Tree = new(4);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Docs_event_hashes_are_sha256_of_event_n_and_their_leaf_hashes_are_what_the_code_computes()
    {
        var events = Rows("merkle-event-hashes");
        var leaves = Rows("merkle-leaf-hashes");

        Assert.Equal(["1", "2", "3", "4"], events.Keys);
        Assert.Equal(["1", "2", "3", "4"], leaves.Keys);
        for (var seq = 1; seq <= 4; seq++)
        {
            var eventHash = SHA256.HashData(Encoding.ASCII.GetBytes("event " + seq));
            Assert.Equal(Hex(eventHash), events[seq.ToString()]);
            Assert.Equal(Hex(MerkleHash.Leaf(eventHash)), leaves[seq.ToString()]);
        }
    }

    [Fact]
    public void Docs_nodes_and_roots_are_what_the_code_computes()
    {
        var nodes = Rows("merkle-nodes");
        var roots = Rows("merkle-roots");
        var hashes = MerkleProofs.Resolve([new SubtreeRange(0, 2), new SubtreeRange(2, 4)], Tree);

        Assert.Equal(Hex(hashes[0]), nodes["a"]);
        Assert.Equal(Hex(hashes[1]), nodes["b"]);
        Assert.Equal(2, nodes.Count);
        Assert.Equal(Hex(MerkleProofs.Root(4, Tree)), roots["4"]);
        Assert.Equal(Hex(MerkleProofs.Root(3, Tree)), roots["3"]);
        Assert.Equal(Hex(MerkleHash.Node(hashes[0], hashes[1])), roots["4"]);
        Assert.Equal(Hex(MerkleHash.Node(hashes[0], Tree.LeafHash(2))), roots["3"]);
        Assert.Equal(2, roots.Count);
    }

    [Fact]
    public void Docs_inclusion_proof_of_seq_3_in_size_4_is_what_the_code_builds_and_verifies()
    {
        var documented = Lines("merkle-inclusion-3-in-4");
        var proof = MerkleProofs.Inclusion(2, 4, Tree);

        Assert.Equal(proof.Path.Select(Hex), documented);
        Assert.True(MerkleVerifier.VerifyInclusion(2, 4, Tree.LeafHash(2), documented.Select(Convert.FromHexString).ToArray(), Convert.FromHexString(Rows("merkle-roots")["4"])));

        var json = JsonNode.Parse(Block("merkle-inclusion-json"))!;
        Assert.True(JsonNode.DeepEquals(ProofJson.Inclusion(proof, Tree.EventHash(2)), json), json.ToJsonString());
    }

    [Fact]
    public void Docs_consistency_proof_from_3_to_4_is_what_the_code_builds_and_verifies()
    {
        var documented = Lines("merkle-consistency-3-to-4");
        var roots = Rows("merkle-roots");
        var proof = MerkleProofs.Consistency(3, 4, Tree);

        Assert.Equal(proof.Path.Select(Hex), documented);
        Assert.True(MerkleVerifier.VerifyConsistency(3, 4, documented.Select(Convert.FromHexString).ToArray(), Convert.FromHexString(roots["3"]), Convert.FromHexString(roots["4"])));

        var json = JsonNode.Parse(Block("merkle-consistency-json"))!;
        Assert.True(JsonNode.DeepEquals(ProofJson.Consistency(proof), json), json.ToJsonString());
    }

    [Fact]
    public void Docs_empty_root_is_what_the_code_computes()
    {
        Assert.Contains($"`MTH` of no leaves is `SHA-256` of nothing: `{Hex(MerkleHash.EmptyRoot())}`", Document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inclusion", "merkle-inclusion-json")]
    [InlineData("consistency", "merkle-consistency-json")]
    public async Task Python_verifier_accepts_the_docs_json_proofs(string kind, string label)
    {
        var path = _directory.File(label + ".json");
        await File.WriteAllTextAsync(path, Block(label));

        var result = await ProofScript.RunAsync(kind, path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok", result.Stdout.Trim());
    }

    private static string Document { get; } = File.ReadAllText(RepositoryRoot.File("docs", "hash-chain.md"));

    private static string Block(string label)
    {
        var match = Regex.Match(Document, "```" + Regex.Escape(label) + @"\n(?<body>.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/hash-chain.md has no ```{label} block");
        return match.Groups["body"].Value;
    }

    private static List<string> Lines(string label) =>
        Block(label).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>A block of "key hex" lines.</summary>
    private static Dictionary<string, string> Rows(string label) =>
        Lines(label).Select(line => line.Split(' ', 2)).ToDictionary(parts => parts[0], parts => parts[1].Trim());

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
