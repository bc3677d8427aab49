using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Journal.Domain.Tape;
using Journal.EventStore.Redaction;
using Journal.EventStore.Serialization;

namespace Journal.EventStore.Tests.Redaction;

/// <summary>
/// The streaming encoder must give exactly the tree path's payload bytes and redacted paths: random records with
/// nested objects, arrays, unicode, numbers of every kind, sensitive keys at random depths, planted secrets and JSON
/// inside strings.
/// </summary>
public class StreamingEncodePropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly string[] InnocentKeys =
        ["name", "items", "meta", "body", "text", "max_tokens", "author", "id", "args", "a/b", "t~1", "ключ", "ok 😀", "quote\"d", "back\\slash", ""];

    private static readonly string[] SensitiveKeys =
        ["api_key", "Authorization", "refreshToken", "password", "client_secret", "x-api-key", "cookie", "tenant_code", "Пароль_token"];

    private static readonly string[] Prose =
    [
        "hello world", "the tokenizer counts tokens", "max_tokens=256", "see https://example.com/a?b=1", "12:30 meeting",
        "[INFO] started", "[REDACTED]", "{not json}", "[1, 2", "{\"a\": 1", "  [\"x\"]  ", "Bearer tokens are prose",
        "naïve café — “quotes” ∑ 😀 𝄞", "tab\tnew\nline\u0001ctl \"quoted\" back\\slash <b>&amp;</b> +'", "", "ключ=значение",
        "--token", "-api-key", "--verbose", "--tokenizer", "-\u0074oken",
    ];

    private static readonly Redactor[] Redactors =
    [
        new(RedactionOptions.Default),
        new(RedactionOptions.Default with { ExtraKeys = ["tenant_code"], MaxEmbeddedJsonDepth = 1 }),
        new(RedactionOptions.Default with { MaxEmbeddedJsonDepth = 0, Replacement = "***" }),
    ];

    public enum Mood
    {
        Calm,
        Loud,
    }

    [Fact]
    public void Streaming_encode_matches_tree_encode_when_record_is_random()
    {
        int redacted = 0;
        int embedded = 0;
        Check.One(Runs, Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            object payload = Payload(rng);
            foreach (Redactor redactor in Redactors)
            {
                IReadOnlyList<string> paths = AssertSame(redactor, payload, seed);
                redacted += paths.Count > 0 ? 1 : 0;
                embedded += paths.Any(p => p.Contains('#', StringComparison.Ordinal)) ? 1 : 0;
            }

            return true;
        }));

        // The generator must reach both rules and embedded JSON often, or the comparison proves little.
        Assert.True(redacted > Runs.MaxTest, $"only {redacted} redacted payloads");
        Assert.True(embedded > Runs.MaxTest / 4, $"only {embedded} payloads with embedded redactions");
    }

    [Fact]
    public void Streaming_encode_matches_tree_encode_for_fixed_edge_cases()
    {
        var rng = new Random(7);
        object[] payloads =
        [
            "root " + FakeSecrets.OpenAi(rng),
            "{\"password\":\"hunter2\"}",
            "plain root",
            new Dictionary<string, object?> { ["password"] = null, ["token"] = "[REDACTED]", ["secret"] = new[] { 1, 2 } },
            new Dictionary<string, object?> { ["a"] = 67413903052274400.0, ["b"] = -0.0, ["c"] = 1e300, ["d"] = 0.1, ["e"] = ulong.MaxValue, ["f"] = long.MinValue, ["g"] = 79228162514264337593543950335m, ["h"] = 1.5f, ["i"] = 9007199254740993m },
            new Dictionary<string, object?> { ["lone"] = "a\ud800b", ["emoji"] = "😀", ["ctl"] = "\u0000\u001f" },
            new Dictionary<string, object?> { ["body"] = "{\"x\":\"{\\\"api_key\\\":\\\"abc123def456\\\"}\",\"password\":\"p\"}" },
            new Dictionary<string, object?> { ["argv"] = new object?[] { "gh", "--token", "t1", "-api-key", 42, "--password", "--verbose", "--secret", null, "-t\u006fken", "t2", "--token" } },
            new[] { "--token", "[REDACTED]", "-token", "-api-key", "k1", "--tokenizer", "bpe" },
        ];
        foreach (object payload in payloads)
        {
            foreach (Redactor redactor in Redactors)
            {
                AssertSame(redactor, payload, seed: -1);
            }
        }
    }

    [Fact]
    public void Streaming_encode_declines_repeated_names_so_the_tree_path_decides()
    {
        var serializer = new PayloadSerializer(new EventTypeRegistry([]), Redactors[0], 1 << 20);
        var payload = new WithExtension("x") { Extra = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement(1) } };

        Assert.False(StreamingPayloadEncoder.TryEncode(payload, payload.GetType(), Redactors[0], out _, out _));
        Exception tree = Record.Exception(() => serializer.EncodePayloadTree(payload))!;
        Exception streaming = Record.Exception(() => serializer.EncodePayload(payload))!;
        Assert.NotNull(tree);
        Assert.Equal(tree.GetType(), streaming.GetType());
    }

    [Fact]
    public void Metadata_encoding_matches_tree_encoding_when_metadata_is_random() =>
        Check.One(Runs, Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            var metadata = new EventMetadata(
                Actor: Maybe(rng, () => Text(rng)),
                Principal: Maybe(rng, () => Text(rng)),
                CorrelationId: Maybe(rng, () => Text(rng)),
                CausationId: Maybe(rng, () => Text(rng)),
                RedactedPaths: rng.Next(3) == 0 ? [.. Enumerable.Range(0, rng.Next(4)).Select(_ => "/" + Text(rng))] : null);
            return PayloadSerializer.EncodeMetadata(metadata).AsSpan().SequenceEqual(PayloadSerializer.EncodeMetadataTree(metadata));
        }));

    private static IReadOnlyList<string> AssertSame(Redactor redactor, object payload, int seed)
    {
        var serializer = new PayloadSerializer(new EventTypeRegistry([]), redactor, 1 << 24);
        (byte[] expected, IReadOnlyList<string> expectedPaths) = serializer.EncodePayloadTree(payload);
        Assert.True(StreamingPayloadEncoder.TryEncode(payload, payload.GetType(), redactor, out byte[] actual, out List<string>? paths), $"declined (seed {seed})");
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"bytes differ (seed {seed}): {Convert.ToHexString(expected)} vs {Convert.ToHexString(actual)}");
        Assert.Equal(expectedPaths, (IReadOnlyList<string>?)paths ?? []);

        (byte[] viaSerializer, IReadOnlyList<string> viaPaths) = serializer.EncodePayload(payload);
        Assert.True(expected.AsSpan().SequenceEqual(viaSerializer));
        Assert.Equal(expectedPaths, viaPaths);
        return expectedPaths;
    }

    private static object Payload(Random rng) => rng.Next(10) switch
    {
        0 => Plant(rng, 0),
        1 => Tree(rng, 0) ?? "null root",
        _ => NewEnvelope(rng, 0),
    };

    private static Envelope NewEnvelope(Random rng, int depth) => new(
        Kind: Text(rng),
        Body: rng.Next(3) == 0 ? null : Tree(rng, depth),
        Items: [.. Enumerable.Range(0, rng.Next(4)).Select(_ => NewItem(rng, depth + 1))],
        Extra: rng.Next(2) == 0 ? null : Dictionary(rng, depth + 1),
        Ratio: Double(rng),
        Amount: rng.Next(4) switch
        {
            0 => 0m,
            1 => decimal.MaxValue,
            2 => -0.0000001m,
            _ => new decimal(rng.Next(), rng.Next(), rng.Next(), rng.Next(2) == 0, (byte)rng.Next(29)),
        },
        Count: rng.NextInt64(long.MinValue, long.MaxValue),
        Big: (ulong)rng.NextInt64() * 2 + 1,
        Mood: (Mood)rng.Next(2),
        Id: new Guid(rng.Next(), (short)rng.Next(), (short)rng.Next(), new byte[8]),
        At: new DateTimeOffset(rng.NextInt64(DateTimeOffset.MinValue.Ticks, DateTimeOffset.MaxValue.Ticks), TimeSpan.Zero),
        Note: rng.Next(2) == 0 ? null : Plant(rng, depth));

    private static Item NewItem(Random rng, int depth) => new(
        Name: Text(rng),
        Score: rng.Next(2) == 0 ? null : rng.Next(int.MinValue, int.MaxValue),
        Tags: rng.Next(3) == 0 ? null : [.. Enumerable.Range(0, rng.Next(4)).Select(_ => Text(rng))],
        Child: depth < 4 && rng.Next(3) == 0 ? NewItem(rng, depth + 1) : null,
        Secrets: rng.Next(3) == 0 ? Dictionary(rng, depth + 1) : null);

    private static Dictionary<string, object?> Dictionary(Random rng, int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        int count = rng.Next(depth > 3 ? 3 : 20);
        for (int i = 0; i < count; i++)
        {
            map[Key(rng) + i.ToString(CultureInfo.InvariantCulture)] = Clr(rng, depth + 1);
        }

        return map;
    }

    private static object? Clr(Random rng, int depth) => rng.Next(depth > 4 ? 6 : 9) switch
    {
        0 => null,
        1 => Text(rng),
        2 => Plant(rng, depth),
        3 => Double(rng),
        4 => rng.NextInt64(long.MinValue, long.MaxValue),
        5 => rng.Next(2) == 0,
        6 => Dictionary(rng, depth),
        7 => Enumerable.Range(0, rng.Next(5)).Select(_ => Clr(rng, depth + 1)).ToList(),
        _ => Tree(rng, depth),
    };

    /// <summary>A JSON tree mixing parsed and CLR-wrapped values.</summary>
    private static JsonNode? Tree(Random rng, int depth)
    {
        switch (rng.Next(depth > 4 ? 7 : 10))
        {
            case 0:
                return null;
            case 1:
                return JsonValue.Create(Text(rng));
            case 2:
                return JsonValue.Create(Plant(rng, depth));
            case 3:
                return JsonValue.Create(Double(rng));
            case 4:
                return rng.Next(2) == 0 ? JsonValue.Create(rng.NextInt64(long.MinValue, long.MaxValue)) : JsonValue.Create(ulong.MaxValue - (ulong)rng.Next());
            case 5:
                return JsonNode.Parse(NumberLiteral(rng));
            case 6:
                return JsonValue.Create(rng.Next(2) == 0);
            case 7:
            case 8:
                var obj = new JsonObject();
                int properties = rng.Next(8);
                for (int i = 0; i < properties; i++)
                {
                    obj[Key(rng) + i.ToString(CultureInfo.InvariantCulture)] = Tree(rng, depth + 1);
                }

                return obj;
            default:
                var array = new JsonArray();
                int elements = rng.Next(6);
                for (int i = 0; i < elements; i++)
                {
                    array.Add(Tree(rng, depth + 1));
                }

                return array;
        }
    }

    private static string Key(Random rng) => rng.Next(4) == 0
        ? SensitiveKeys[rng.Next(SensitiveKeys.Length)]
        : InnocentKeys[rng.Next(InnocentKeys.Length)];

    private static string? Maybe(Random rng, Func<string> make) => rng.Next(3) == 0 ? null : make();

    /// <summary>Unicode text: prose, random code points from every plane, or an existing replacement.</summary>
    private static string Text(Random rng)
    {
        if (rng.Next(3) == 0)
        {
            return Prose[rng.Next(Prose.Length)];
        }

        var builder = new StringBuilder();
        int length = rng.Next(rng.Next(10) == 0 ? 300 : 20);
        for (int i = 0; i < length; i++)
        {
            int point = rng.Next(5) switch
            {
                0 => rng.Next(0x20, 0x7f),
                1 => rng.Next(0, 0x20),
                2 => rng.Next(0x80, 0xd800),
                3 => rng.Next(0xe000, 0x10000),
                _ => rng.Next(0x10000, 0x110000),
            };
            builder.Append(char.ConvertFromUtf32(point));
        }

        return builder.ToString();
    }

    /// <summary>Finite doubles of every kind: tiny, huge, whole beyond 2^53, negative zero, floats.</summary>
    private static double Double(Random rng) => rng.Next(8) switch
    {
        0 => BitConverter.Int64BitsToDouble(rng.NextInt64()) is var d && double.IsFinite(d) ? d : 0.5,
        1 => Math.ScaleB(rng.Next(int.MinValue, int.MaxValue), rng.Next(22, 40)),
        2 => rng.NextDouble() * 1000,
        3 => (float)(rng.NextDouble() * 1e6),
        4 => -0.0,
        5 => 9007199254740992.0 + (2 * rng.Next(1, 1000)),
        6 => rng.Next(-1000, 1000),
        _ => new[] { 1e300, double.MaxValue, double.MinValue, double.Epsilon, 0.1, 1e17, 1e20, 123456789012345678.0 }[rng.Next(8)],
    };

    private static string NumberLiteral(Random rng) => rng.Next(8) switch
    {
        0 => "1.0",
        1 => "1e2",
        2 => "-0",
        3 => "18446744073709551615",
        4 => "18446744073709551616",
        5 => "-9223372036854775809",
        6 => "1E+300",
        _ => "0.000001",
    };

    /// <summary>A string holding a secret, an assignment, or JSON inside a string (possibly nested).</summary>
    private static string Plant(Random rng, int depth)
    {
        switch (rng.Next(9))
        {
            case 0:
                return "calling with " + FakeSecrets.OpenAi(rng) + " now";
            case 1:
                return "GITHUB_TOKEN=" + FakeSecrets.GitHub(rng, 'p');
            case 2:
                return "jwt " + FakeSecrets.Jwt(rng);
            case 3:
                return "https://user:" + FakeSecrets.Opaque(rng, 12) + "@example.com/cb?access_token=" + FakeSecrets.Opaque(rng, 24) + "&state=1";
            case 4:
                return "Authorization: Basic " + FakeSecrets.BasicCredential(rng);
            case 5:
                return FakeSecrets.PemPrivateKey(rng);
            case 6:
                // JSON inside a string, itself perhaps holding JSON inside a string.
                return (depth < 6 ? Tree(rng, depth + 2) : null)?.ToJsonString() is { } json && json.Length > 1 ? json : "{\"password\":\"x1\"}";
            case 7:
                return new JsonObject { ["headers"] = new JsonObject { ["x-api-key"] = FakeSecrets.Opaque(rng, 18) }, ["inner"] = depth < 6 ? Plant(rng, depth + 1) : "ok" }.ToJsonString();
            default:
                return "  [\"note: " + FakeSecrets.Slack(rng) + "\", 1]  ";
        }
    }

    public sealed record Envelope(
        string Kind,
        JsonNode? Body,
        IReadOnlyList<Item> Items,
        Dictionary<string, object?>? Extra,
        double Ratio,
        decimal Amount,
        long Count,
        ulong Big,
        Mood Mood,
        Guid Id,
        DateTimeOffset At,
        string? Note);

    public sealed record Item(string Name, int? Score, IReadOnlyList<string>? Tags, Item? Child, Dictionary<string, object?>? Secrets);

    public sealed record WithExtension(string Name)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; init; }
    }
}
