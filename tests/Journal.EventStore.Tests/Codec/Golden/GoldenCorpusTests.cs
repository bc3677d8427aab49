using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.EventStore.Codec;
using Journal.EventStore.Serialization;

namespace Journal.EventStore.Tests.Codec.Golden;

/// <summary>
/// The codec against the golden corpus: every document encodes to the bytes the codec wrote before MessagePack-CSharp
/// replaced our own reader and writer, and decodes to the same JSON.
/// </summary>
public sealed class GoldenCorpusTests
{
    private const int ShownFailures = 10;

    [Fact]
    public void Corpus_holds_over_ten_thousand_documents_covering_every_MessagePack_format()
    {
        Assert.True(GoldenDocument.Corpus.Count >= 10_000, $"{GoldenDocument.Corpus.Count} documents");
        Assert.All(new[] { "json", "clr", "value" }, kind => Assert.NotEmpty(GoldenDocument.OfKind(kind)));

        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (GoldenDocument document in GoldenDocument.Corpus.Where(d => d.MessagePack is not null))
        {
            GoldenFormats.Collect(document.MessagePack!, seen);
        }

        Assert.Equal(GoldenFormats.All, seen);
    }

    [Fact]
    public void Json_texts_encode_to_the_golden_bytes_through_the_tree_and_the_streaming_path()
    {
        AssertEvery(GoldenDocument.OfKind("json"), document =>
        {
            string text = (string)document.Input!;
            JsonNode? tree = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            if (document.EncodeError)
            {
                return Throws(() => JsonMessagePack.Encode(tree)) ? null : "encoded a tree deeper than the limit";
            }

            byte[] viaTree = JsonMessagePack.Encode(tree);
            if (!viaTree.AsSpan().SequenceEqual(document.MessagePack))
            {
                return "tree path: " + Hex.Format(viaTree);
            }

            using JsonDocument parsed = JsonDocument.Parse(text);
            return StreamingPayloadEncoder.TryEncode(parsed.RootElement, typeof(JsonElement), redactor: null, out byte[] viaStream, out _)
                && !viaStream.AsSpan().SequenceEqual(document.MessagePack)
                ? "streaming path: " + Hex.Format(viaStream)
                : null;
        });
    }

    [Fact]
    public void Trees_of_CLR_values_encode_to_the_golden_bytes()
    {
        AssertEvery(GoldenDocument.OfKind("clr"), document =>
        {
            byte[] bytes = JsonMessagePack.Encode(GoldenRecipe.ClrTree(document.Input));
            return bytes.AsSpan().SequenceEqual(document.MessagePack) ? null : Hex.Format(bytes);
        });
    }

    [Fact]
    public void Values_JSON_cannot_express_are_written_to_the_golden_bytes()
    {
        AssertEvery(GoldenDocument.OfKind("value"), document =>
        {
            byte[] bytes = GoldenRecipe.Value(document.Input);
            return bytes.AsSpan().SequenceEqual(document.MessagePack) ? null : Hex.Format(bytes);
        });
    }

    [Fact]
    public void Every_golden_document_decodes_to_the_golden_json_as_a_stream_and_as_a_tree()
    {
        AssertEvery(GoldenDocument.Corpus.Where(d => d.MessagePack is not null), document =>
        {
            string streamed = JsonBridge.ToJsonText(document.MessagePack);
            if (streamed != document.Decoded)
            {
                return "stream: " + Clip(streamed);
            }

            string tree = JsonMessagePack.Decode(document.MessagePack)?.ToJsonString() ?? "null";
            return tree == document.ExpectedNode ? null : "tree: " + Clip(tree);
        });
    }

    private static void AssertEvery(IEnumerable<GoldenDocument> documents, Func<GoldenDocument, string?> check)
    {
        var failures = new List<string>();
        int count = 0;
        foreach (GoldenDocument document in documents)
        {
            count++;
            string? failure;
            try
            {
                failure = check(document);
            }
            catch (Exception e) when (e is MessagePackFormatException or ArgumentException or InvalidOperationException or FormatException)
            {
                failure = e.GetType().Name + ": " + e.Message;
            }

            if (failure is not null)
            {
                failures.Add($"line {document.Line} ({Clip(document.Input.ToJsonString())}): {failure}");
            }
        }

        Assert.True(count > 0, "no documents");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} differ:\n" + string.Join("\n", failures.Take(ShownFailures)));
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static string Clip(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
