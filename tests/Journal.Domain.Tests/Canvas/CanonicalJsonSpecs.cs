using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Journal.Domain.Canvas.Patching;

namespace Journal.Domain.Tests.Canvas;

/// <summary>
/// The canonical form is written straight to UTF-8, taking a parsed value's raw bytes when they are
/// already canonical: these pin that every spelling still gives the one canonical form.
/// </summary>
public class CanonicalJsonSpecs
{
    [Fact]
    public void Given_parsed_numbers_in_many_spellings_When_written_Then_each_is_spelled_canonically()
    {
        var parsed = JsonNode.Parse("[1.0, 10E-1, -0, 0.25, 2.5e-3, 1e2, -1.5, 123456789012345678, 1234567890123456789, 12345678901234567890, -9223372036854775808, 1e400]");

        Assert.Equal("[1,1,0,0.25,0.0025,100,-1.5,123456789012345678,1234567890123456789,12345678901234567890,-9223372036854775808,1e400]", CanonicalJson.Text(parsed));
    }

    [Fact]
    public void Given_parsed_strings_with_and_without_escapes_When_written_Then_only_quote_backslash_and_controls_are_escaped()
    {
        var parsed = JsonNode.Parse("""{"k\u00e9":"a\u00e9\/\n\u0001\"\\", "plain":"é😀 text"}""");

        Assert.Equal("{\"ké\":\"aé/\\n\\u0001\\\"\\\\\",\"plain\":\"é😀 text\"}", CanonicalJson.Text(parsed));
    }

    [Fact]
    public void Given_a_parsed_string_of_invalid_UTF8_When_hashed_Then_it_is_refused_not_hashed_raw()
    {
        var parsed = JsonNode.Parse((byte[])[(byte)'[', (byte)'"', (byte)'a', 0xC3, 0x28, (byte)'"', (byte)']']);

        Assert.Throws<InvalidOperationException>(() => CanonicalJson.Hash(parsed));
    }

    [Fact]
    public void Given_the_same_document_parsed_and_built_from_CLR_values_When_hashed_Then_the_hashes_are_equal()
    {
        var built = new JsonObject
        {
            ["z"] = new JsonArray(1, 2.5, -3L, true, false, null, "x\"y\\z\u0001\n", 0.1),
            ["a"] = new JsonObject { ["b"] = 1.0, ["A"] = "é😀" },
            ["m"] = 1e300,
        };
        var parsed = JsonNode.Parse(built.ToJsonString());

        Assert.Equal(CanonicalJson.Hash(built), CanonicalJson.Hash(parsed));
        Assert.Equal(CanonicalJson.Text(built), CanonicalJson.Text(parsed));
    }

    [Fact]
    public void Given_a_document_When_hashed_Then_the_hash_length_and_depth_are_those_of_its_canonical_UTF8_text()
    {
        var parsed = JsonNode.Parse("""{"b":[{"c":"é"}],"a":1}""");

        var (sha256, length) = CanonicalJson.Hash(parsed, out var depth);
        var (text, textSha256, textLength) = CanonicalJson.TextAndHash(parsed);

        var bytes = Encoding.UTF8.GetBytes("""{"a":1,"b":[{"c":"é"}]}""");
        Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, 3), (sha256, length, depth));
        Assert.Equal(("""{"a":1,"b":[{"c":"é"}]}""", sha256, length), (text, textSha256, textLength));
        Assert.Equal(bytes, CanonicalJson.Bytes(parsed));
    }

    [Fact]
    public void Given_an_object_with_many_unsorted_members_When_written_Then_members_are_in_ordinal_order()
    {
        var obj = new JsonObject();
        foreach (var name in Enumerable.Range(0, 40).Select(i => ((i * 17) % 40).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append("B").Append("a"))
        {
            obj[name] = name.Length;
        }

        var expected = "{" + string.Join(",", obj.Select(m => m.Key).Order(StringComparer.Ordinal).Select(k => $"\"{k}\":{k.Length}")) + "}";
        Assert.Equal(expected, CanonicalJson.Text(obj));
    }
}
