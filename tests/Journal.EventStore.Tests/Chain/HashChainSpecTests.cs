using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Journal.EventStore.Chain;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Codec;
using Journal.EventStore.Erasure;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;

namespace Journal.EventStore.Tests.Chain;

/// <summary>The worked example of docs/hash-chain.md, recomputed from the code.</summary>
public sealed partial class HashChainSpecTests
{
    private static readonly ChainFields Example = new(1, Guid.Parse("0190f5d2-8c4e-7b3a-9f11-2a3b4c5d6e7f"), "session-demo", 1, "session.created.v1", 1767323045000);

    [Fact]
    public void Docs_example_metadata_and_payload_are_what_the_codec_writes()
    {
        Assert.Equal(Block("metadata"), Hex(JsonMessagePack.Encode(JsonNode.Parse("""{"actor":"agent"}"""))));
        Assert.Equal(Block("payload"), Hex(JsonMessagePack.Encode(JsonNode.Parse("""{"label":"demo"}"""))));
    }

    [Fact]
    public void Docs_example_preimage_and_hash_are_what_the_code_computes()
    {
        var metadataDigest = ChainHash.Digest(Convert.FromHexString(Block("metadata")));
        var payloadDigest = ChainHash.Digest(Convert.FromHexString(Block("payload")));

        var preimage = ChainHash.Preimage(ChainHash.Genesis.Span, Example, metadataDigest, payloadDigest);
        var hash = ChainHash.Compute(ChainHash.Genesis.Span, Example, metadataDigest, payloadDigest);

        Assert.Equal(Block("metadata-digest"), Hex(metadataDigest));
        Assert.Equal(Block("payload-digest"), Hex(payloadDigest));
        Assert.Equal(Block("preimage"), Hex(preimage));
        Assert.Equal(Block("hash"), Hex(hash));
        Assert.Contains($"The preimage ({preimage.Length} bytes)", Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_changes_when_any_field_changes()
    {
        var digest = new byte[32];
        var baseline = Hex(ChainHash.Compute(ChainHash.Genesis.Span, Example, digest, digest));
        var variants = new[]
        {
            Example with { Seq = 2 },
            Example with { EventId = Guid.Parse("0190f5d2-8c4e-7b3a-9f11-2a3b4c5d6e70") },
            Example with { StreamId = "session-demO" },
            Example with { StreamVersion = 2 },
            Example with { EventType = "session.created.v2" },
            Example with { RecordedAt = Example.RecordedAt + 1 },
        };

        Assert.All(variants, v => Assert.NotEqual(baseline, Hex(ChainHash.Compute(ChainHash.Genesis.Span, v, digest, digest))));
        Assert.NotEqual(baseline, Hex(ChainHash.Compute(new byte[32].Select((_, i) => (byte)i).ToArray(), Example, digest, digest)));
    }

    [Fact]
    public async Task Docs_erasure_record_example_is_what_the_journal_writes()
    {
        await using var fixture = new StoreFixture();
        var store = fixture.Open();

        var (payload, paths) = store.Serializer.EncodePayload(new PayloadsErased([2, 200, 70000], "gdpr"));

        Assert.Equal(Block("erasure-payload"), Hex(payload));
        Assert.Empty(paths);
        Assert.True(ErasureRecord.TryDecode(payload, 70001, out var seqs, out var reason));
        Assert.Equal([2L, 200L, 70000L], seqs);
        Assert.Equal("gdpr", reason);
    }

    [Fact]
    public void Docs_erased_digest_example_is_what_a_checkpoint_signs()
    {
        var digest = new ErasedSeqsDigest();
        digest.Append(2);
        digest.Append(200);
        digest.Append(70000);

        Assert.Equal(Block("erased-digest"), Hex(digest.Finish()));
        Assert.Equal(3, digest.Count);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(new ErasedSeqsDigest().Finish()));
    }

    [Fact]
    public void Docs_and_the_python_verifier_name_every_mismatch_code()
    {
        var python = File.ReadAllText(RepositoryRoot.File("tools", "verify_chain.py"));
        var codes = typeof(MismatchCodes).GetFields().Select(f => (string)f.GetValue(null)!).Where(c => c != MismatchCodes.FileCorrupt).ToList();
        var checkpointCodes = typeof(CheckpointCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Contains(MismatchCodes.StorageClassMismatch, codes);
        Assert.All(codes, c => Assert.Contains($"**`{c}`**", Document, StringComparison.Ordinal));
        Assert.All(codes, c => Assert.Contains($"\"{c}\"", python, StringComparison.Ordinal));
        Assert.Contains(CheckpointCodes.ErasuresDiffer, checkpointCodes);
        Assert.All(checkpointCodes, c => Assert.Contains($"**`{c}`**", Document, StringComparison.Ordinal));
        Assert.All(checkpointCodes, c => Assert.Contains($"\"{c}\"", python, StringComparison.Ordinal));
    }

    private static string Document { get; } = File.ReadAllText(RepositoryRoot.File("docs", "hash-chain.md"));

    private static string Block(string label)
    {
        var match = Regex.Match(Document, "```" + Regex.Escape(label) + @"\n(?<body>.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/hash-chain.md has no ```{label} block");
        return WhiteSpace().Replace(match.Groups["body"].Value, string.Empty);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
