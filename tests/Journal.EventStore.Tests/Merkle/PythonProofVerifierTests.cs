using System.Text.Json.Nodes;
using Journal.EventStore.Merkle;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>
/// tools/verify_proofs.py was written from docs/hash-chain.md alone. It must reach the vectors' verdicts, accept the
/// proofs the journal builds and refuse them once changed: if it does not, either the page or the code is wrong.
/// </summary>
public sealed class PythonProofVerifierTests : IDisposable
{
    private static readonly ReferenceTree Tree = new(40);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Script_reaches_every_vectors_verdict()
    {
        var result = await ProofScript.RunAsync("vectors", TestVectors.Folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("196 cases, 196 as wanted, 0 not", result.Stdout.Trim());
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Script_names_the_vectors_whose_verdict_it_does_not_reach()
    {
        var copy = _directory.File("merkle");
        foreach (var file in Directory.EnumerateFiles(TestVectors.Folder, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(TestVectors.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        await Invert(Path.Combine(copy, "inclusion", "1", "happy-path.json"));
        await Invert(Path.Combine(copy, "consistency", "additional", "size1-is-greater-than-size2.json"));
        var result = await ProofScript.RunAsync("vectors", copy);

        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Stdout.Trim().Split('\n');
        Assert.Equal(
            [
                "inclusion/1/happy-path.json: accepted, but wantErr is true",
                "consistency/additional/size1-is-greater-than-size2.json: refused (the new size 0 is smaller than the old size 1), but wantErr is false",
                "196 cases, 194 as wanted, 2 not",
            ],
            lines);
    }

    [Fact]
    public async Task Script_agrees_with_the_builder_on_every_proof_up_to_size_40_written_as_vectors()
    {
        var folder = _directory.File("built");
        var cases = 0;
        for (var size = 1; size <= 40; size++)
        {
            for (var other = 1; other <= size; other++)
            {
                var inclusion = MerkleProofs.Inclusion(other - 1, size, Tree.AtSize(size));
                var leaf = Tree.LeafHash(other - 1);
                cases += WriteInclusionVectors(folder, inclusion, leaf);

                var consistency = MerkleProofs.Consistency(other, size, Tree.AtSize(size));
                cases += WriteConsistencyVectors(folder, consistency);
            }
        }

        var result = await ProofScript.RunAsync("vectors", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{cases} cases, {cases} as wanted, 0 not", result.Stdout.Trim());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 5)]
    [InlineData(8, 8)]
    [InlineData(13, 13)]
    [InlineData(1, 40)]
    [InlineData(17, 33)]
    [InlineData(32, 33)]
    [InlineData(33, 33)]
    [InlineData(40, 40)]
    public async Task Script_accepts_the_inclusion_proof_the_journal_builds(long seq, long treeSize)
    {
        var proof = MerkleProofs.Inclusion(seq - 1, treeSize, Tree.AtSize((int)treeSize));
        var result = await Inclusion(ProofJson.Inclusion(proof, Tree.EventHash((int)seq - 1)));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok", result.Stdout.Trim());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(4, 7)]
    [InlineData(6, 7)]
    [InlineData(8, 40)]
    [InlineData(13, 29)]
    [InlineData(31, 32)]
    [InlineData(39, 40)]
    public async Task Script_accepts_the_consistency_proof_the_journal_builds(long from, long to)
    {
        var result = await Consistency(ProofJson.Consistency(MerkleProofs.Consistency(from, to, Tree.AtSize((int)to))));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ok", result.Stdout.Trim());
    }

    [Theory]
    [InlineData("path element flipped", "the audit path does not lead to the root")]
    [InlineData("root flipped", "the audit path does not lead to the root")]
    [InlineData("leaf hash flipped", "leafHash is not SHA-256(0x00 || eventHash)")]
    [InlineData("event hash changed", "leafHash is not SHA-256(0x00 || eventHash)")]
    [InlineData("leaf index off by one", "leafIndex 13 is not seq - 1 (12)")]
    [InlineData("another event", "the audit path does not lead to the root")]
    [InlineData("tree size one more", "the audit path does not lead to the root")]
    [InlineData("tree size one less", "the audit path does not lead to the root")]
    [InlineData("index beyond the tree", "leaf index 12 is not in a tree of 12 leaves")]
    [InlineData("path one short", "the audit path is shorter than leaf 12 of a tree of 29 leaves needs")]
    [InlineData("path one long", "the audit path is longer than leaf 12 of a tree of 29 leaves needs")]
    [InlineData("root too short", "the root is 31 bytes, not 32")]
    [InlineData("seq 0", "seq 0 is not a position (they start at 1)")]
    public async Task Script_refuses_a_changed_inclusion_proof(string change, string why)
    {
        var json = ProofJson.Inclusion(MerkleProofs.Inclusion(12, 29, Tree.AtSize(29)), Tree.EventHash(12));
        var path = json["auditPath"]!.AsArray();
        switch (change)
        {
            case "path element flipped": path[2] = ProofJson.Flipped(path[2]); break;
            case "root flipped": json["root"] = ProofJson.Flipped(json["root"]); break;
            case "leaf hash flipped": json["leafHash"] = ProofJson.Flipped(json["leafHash"]); break;
            case "event hash changed": json["eventHash"] = Convert.ToHexStringLower(Tree.EventHash(13)); break;
            case "leaf index off by one": json["leafIndex"] = 13; break;
            case "another event":
                json["seq"] = 14;
                json["leafIndex"] = 13;
                json["eventHash"] = Convert.ToHexStringLower(Tree.EventHash(13));
                json["leafHash"] = Convert.ToBase64String(Tree.LeafHash(13));
                break;
            case "tree size one more": json["treeSize"] = 30; json["root"] = Convert.ToBase64String(Tree.Root(30)); break;
            case "tree size one less": json["treeSize"] = 28; json["root"] = Convert.ToBase64String(Tree.Root(28)); break;
            case "index beyond the tree": json["treeSize"] = 12; break;
            case "path one short": path.RemoveAt(path.Count - 1); break;
            case "path one long": path.Add(Convert.ToBase64String(Tree.LeafHash(0))); break;
            case "root too short": json["root"] = Convert.ToBase64String(new byte[31]); break;
            case "seq 0": json["seq"] = 0; json["leafIndex"] = -1; break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, "no such change");
        }

        var result = await Inclusion(json);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("refused: " + why, result.Stdout.Trim());
        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData("proof element flipped", "the proof does not lead to the new root")]
    [InlineData("old root flipped", "the proof does not lead to the old root")]
    [InlineData("new root flipped", "the proof does not lead to the new root")]
    [InlineData("roots swapped", "the proof does not lead to the old root")]
    [InlineData("old size one more", "the proof is longer than sizes 14 to 29 need")]
    [InlineData("new size one less", "the proof does not lead to the new root")]
    [InlineData("proof one short", "the proof is shorter than sizes 13 to 29 need")]
    [InlineData("proof one long", "the proof is longer than sizes 13 to 29 need")]
    [InlineData("from the empty tree", "a consistency proof from the empty tree proves nothing (the old size must be at least 1)")]
    [InlineData("sizes reversed", "the new size 13 is smaller than the old size 29")]
    [InlineData("a past rewritten", "the proof does not lead to the old root")]
    public async Task Script_refuses_a_changed_consistency_proof(string change, string why)
    {
        var json = ProofJson.Consistency(MerkleProofs.Consistency(13, 29, Tree.AtSize(29)));
        var proof = json["proof"]!.AsArray();
        switch (change)
        {
            case "proof element flipped": proof[1] = ProofJson.Flipped(proof[1]); break;
            case "old root flipped": json["fromRoot"] = ProofJson.Flipped(json["fromRoot"]); break;
            case "new root flipped": json["toRoot"] = ProofJson.Flipped(json["toRoot"]); break;
            case "roots swapped": (json["fromRoot"], json["toRoot"]) = (json["toRoot"]!.DeepClone(), json["fromRoot"]!.DeepClone()); break;
            case "old size one more": json["fromSize"] = 14; json["fromRoot"] = Convert.ToBase64String(Tree.Root(14)); break;
            case "new size one less": json["toSize"] = 28; json["toRoot"] = Convert.ToBase64String(Tree.Root(28)); break;
            case "proof one short": proof.RemoveAt(proof.Count - 1); break;
            case "proof one long": proof.Add(Convert.ToBase64String(Tree.LeafHash(0))); break;
            case "from the empty tree": json["fromSize"] = 0; json["fromRoot"] = Convert.ToBase64String(MerkleHash.EmptyRoot()); break;
            case "sizes reversed": json["fromSize"] = 29; json["toSize"] = 13; break;
            case "a past rewritten":
                var forged = Tree.Rewritten(4);
                json = ProofJson.Consistency(MerkleProofs.Consistency(13, 29, forged.AtSize(29)));
                json["fromRoot"] = Convert.ToBase64String(Tree.Root(13));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, "no such change");
        }

        var result = await Consistency(json);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("refused: " + why, result.Stdout.Trim());
        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData("inclusion", "{\"seq\": 1,", "is not JSON: ")]
    [InlineData("inclusion", "[1, 2]", "holds a JSON list, not an object")]
    [InlineData("inclusion", "{\"seq\":1,\"leafIndex\":0,\"treeSize\":1,\"eventHash\":\"00\",\"leafHash\":\"\",\"auditPath\":[],\"root\":\"\"}", "\"eventHash\" must be 64 hex digits, not \"00\"")]
    [InlineData("inclusion", "{\"seq\":1,\"leafIndex\":0,\"treeSize\":\"1\"}", "\"treeSize\" must be an integer, not \"1\"")]
    [InlineData("inclusion", "{\"seq\":1,\"leafIndex\":0}", "the field \"treeSize\" is missing")]
    [InlineData("consistency", "{\"fromSize\":1,\"toSize\":2,\"proof\":[\"not base64!\"],\"fromRoot\":\"\",\"toRoot\":\"\"}", "\"proof[0]\" is not valid base64: 'not base64!'")]
    [InlineData("consistency", "{\"fromSize\":1,\"toSize\":2,\"proof\":null,\"fromRoot\":\"\",\"toRoot\":\"\"}", "\"proof\" must be an array of base64 strings, not null")]
    [InlineData("consistency", "{\"fromSize\":true,\"toSize\":2}", "\"fromSize\" must be an integer, not true")]
    [InlineData("consistency", "{\"fromSize\":1.5,\"toSize\":2}", "\"fromSize\" must be an integer, not 1.5")]
    [InlineData("consistency", "{\"fromSize\":1,\"toSize\":2,\"proof\":[]}", "the field \"fromRoot\" is missing")]
    public async Task Script_exits_2_with_a_clear_message_when_the_file_is_not_a_proof(string kind, string text, string message)
    {
        var path = _directory.File(Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, text);

        var result = await ProofScript.RunAsync(kind, path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.StartsWith("error: " + path, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_exits_2_on_a_missing_file_or_wrong_arguments()
    {
        var missing = await ProofScript.RunAsync("inclusion", _directory.File("nowhere.json"));
        var usage = await ProofScript.RunAsync("prove", "x");

        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: cannot read " + _directory.File("nowhere.json"), missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        Assert.StartsWith("usage: verify_proofs.py", usage.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The proof as a vector that must pass, and changed (a bit of the last element, of the root) as vectors that must fail.</summary>
    private static int WriteInclusionVectors(string folder, InclusionProof proof, byte[] leaf)
    {
        var name = Path.Combine(folder, "inclusion", proof.TreeSize.ToString(), proof.LeafIndex.ToString());
        JsonObject Vector(IReadOnlyList<byte[]> path, byte[] root, bool wantErr) => new()
        {
            ["leafIdx"] = proof.LeafIndex,
            ["treeSize"] = proof.TreeSize,
            ["root"] = Convert.ToBase64String(root),
            ["leafHash"] = Convert.ToBase64String(leaf),
            ["proof"] = new JsonArray(path.Select(h => (JsonNode)Convert.ToBase64String(h)).ToArray()),
            ["wantErr"] = wantErr,
        };

        var written = 0;
        written += WriteVector(name + "-ok.json", Vector(proof.Path, proof.Root, false));
        written += WriteVector(name + "-root.json", Vector(proof.Path, Tamper.Flip(proof.Root, 77), true));
        if (proof.Path.Count > 0)
        {
            written += WriteVector(name + "-path.json", Vector(Tamper.FlipIn(proof.Path, proof.Path.Count - 1, 200), proof.Root, true));
        }

        return written;
    }

    private static int WriteConsistencyVectors(string folder, ConsistencyProof proof)
    {
        var name = Path.Combine(folder, "consistency", proof.ToSize.ToString(), proof.FromSize.ToString());
        JsonObject Vector(IReadOnlyList<byte[]> path, byte[] fromRoot, bool wantErr) => new()
        {
            ["size1"] = proof.FromSize,
            ["size2"] = proof.ToSize,
            ["root1"] = Convert.ToBase64String(fromRoot),
            ["root2"] = Convert.ToBase64String(proof.ToRoot),
            ["proof"] = new JsonArray(path.Select(h => (JsonNode)Convert.ToBase64String(h)).ToArray()),
            ["wantErr"] = wantErr,
        };

        var written = 0;
        written += WriteVector(name + "-ok.json", Vector(proof.Path, proof.FromRoot, false));
        written += WriteVector(name + "-root1.json", Vector(proof.Path, Tamper.Flip(proof.FromRoot, 5), true));
        if (proof.Path.Count > 0)
        {
            written += WriteVector(name + "-path.json", Vector(Tamper.FlipIn(proof.Path, 0, 100), proof.FromRoot, true));
        }

        return written;
    }

    private static int WriteVector(string path, JsonObject vector)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, vector.ToJsonString());
        return 1;
    }

    private static async Task Invert(string vector)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(vector))!;
        json["wantErr"] = !json["wantErr"]!.GetValue<bool>();
        await File.WriteAllTextAsync(vector, json.ToJsonString());
    }

    private async Task<ScriptResult> Inclusion(JsonNode json) => await ProofScript.RunAsync("inclusion", await ProofJson.WriteAsync(_directory, json));

    private async Task<ScriptResult> Consistency(JsonNode json) => await ProofScript.RunAsync("consistency", await ProofJson.WriteAsync(_directory, json));
}
