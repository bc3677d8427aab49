using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Journal.EventStore.Tests.Codec.Golden;

/// <summary>
/// One row of tests/testdata/msgpack-golden/corpus.jsonl.gz: an input (a JSON text, a tree of CLR-wrapped values or
/// a MessagePack value recipe), the bytes the codec wrote for it before MessagePack-CSharp replaced our own writer,
/// and the JSON those bytes decode to.
/// </summary>
internal sealed record GoldenDocument(int Line, string Kind, JsonNode Input, byte[]? MessagePack, string? Decoded, string? Node, bool EncodeError)
{
    private static readonly Lazy<IReadOnlyList<GoldenDocument>> All = new(Load);

    /// <summary>The corpus, read once per test run.</summary>
    public static IReadOnlyList<GoldenDocument> Corpus => All.Value;

    /// <summary>The documents of one kind: <c>json</c>, <c>clr</c> or <c>value</c>.</summary>
    public static IEnumerable<GoldenDocument> OfKind(string kind) => Corpus.Where(document => document.Kind == kind);

    /// <summary>What <see cref="Journal.EventStore.Codec.JsonMessagePack.Decode(ReadOnlySpan{byte})"/> gives, as compact JSON.</summary>
    public string? ExpectedNode => Node ?? Decoded;

    private static IReadOnlyList<GoldenDocument> Load()
    {
        string path = Path.Combine(RepositoryRoot.Find(), "tests", "testdata", "msgpack-golden", "corpus.jsonl.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        var documents = new List<GoldenDocument>();
        int line = 0;
        while (text.ReadLine() is { } row)
        {
            line++;
            JsonObject o = JsonNode.Parse(row)!.AsObject();
            documents.Add(new GoldenDocument(
                line,
                (string)o["kind"]!,
                o["input"]!,
                o["msgpack"] is { } bytes ? Convert.FromBase64String((string)bytes!) : null,
                (string?)o["decoded"],
                (string?)o["node"],
                o["encodeError"] is not null));
        }

        return documents;
    }
}
