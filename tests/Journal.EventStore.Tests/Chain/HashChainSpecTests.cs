using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Journal.EventStore.Chain;
using Journal.EventStore.Codec;
using Journal.EventStore.Tests.Support;

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
