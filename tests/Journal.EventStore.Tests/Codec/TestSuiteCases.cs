using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Journal.EventStore.Tests.Codec;

/// <summary>
/// Rows of tests/testdata/msgpack/msgpack-test-suite.json: (value as compact JSON, the listed encodings joined by spaces).
/// </summary>
public static class TestSuiteCases
{
    private static readonly Lazy<JsonObject> Suite = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "tests", "testdata", "msgpack", "msgpack-test-suite.json")))!.AsObject());

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string> Nil => Group("10.nil.yaml", "nil");

    public static TheoryData<string, string> Bool => Group("11.bool.yaml", "bool");

    public static TheoryData<string, string> Binary => Group("12.binary.yaml", "binary");

    public static TheoryData<string, string> NumberPositive => Group("20.number-positive.yaml", "number");

    public static TheoryData<string, string> NumberNegative => Group("21.number-negative.yaml", "number");

    public static TheoryData<string, string> NumberFloat => Group("22.number-float.yaml", "number");

    public static TheoryData<string, string> Bignum => Group("23.number-bignum.yaml", "bignum");

    public static TheoryData<string, string> StringAscii => Group("30.string-ascii.yaml", "string");

    public static TheoryData<string, string> StringUtf8 => Group("31.string-utf8.yaml", "string");

    public static TheoryData<string, string> StringEmoji => Group("32.string-emoji.yaml", "string");

    public static TheoryData<string, string> Array => Group("40.array.yaml", "array");

    public static TheoryData<string, string> Map => Group("41.map.yaml", "map");

    public static TheoryData<string, string> Nested => Group("42.nested.yaml", null);

    public static TheoryData<string, string> Timestamp => Group("50.timestamp.yaml", "timestamp");

    public static TheoryData<string, string> Ext => Group("60.ext.yaml", "ext");

    /// <summary>Every group name in the file, to check that none is left without a theory.</summary>
    public static IReadOnlyCollection<string> GroupNames => Suite.Value.Select(pair => pair.Key).ToList();

    private static TheoryData<string, string> Group(string name, string? valueKey)
    {
        var rows = new TheoryData<string, string>();
        foreach (JsonNode? item in Suite.Value[name]!.AsArray())
        {
            JsonObject testCase = item!.AsObject();
            string key = valueKey ?? testCase.Select(pair => pair.Key).First(k => k != "msgpack");
            JsonNode? value = testCase[key];
            string encodings = string.Join(' ', testCase["msgpack"]!.AsArray().Select(e => e!.GetValue<string>()));
            rows.Add(value?.ToJsonString(Readable) ?? "null", encodings);
        }

        return rows;
    }
}
