using System.Text;
using Journal.Api.Http.Input;

namespace Journal.Api.Tests.Http;

public sealed class JsonBodyCheckTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("  {\"a\":{\"a\":[{\"a\":1},{\"a\":2}]},\"b\":{\"a\":null}}  ")]
    [InlineData("{\"k\":\"\\ud83d\\ude42 \\u00e9 \\\"\\n\"}")]
    [InlineData("{\"a\":1,\"A\":2,\"a \":3,\"\\u00e9\":4,\"\u00e9\\u0301\":5}")]
    public void Find_answers_nothing_when_the_body_is_strict_json(string json)
    {
        Assert.Null(JsonBodyCheck.Find(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Find_skips_a_leading_byte_order_mark_and_counts_it_in_offsets()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];

        var ok = JsonBodyCheck.Find([.. bom, .. "{\"a\":1}"u8.ToArray()]);
        var fault = JsonBodyCheck.Find([.. bom, .. "{\"a\":1,\"a\":2}"u8.ToArray()]);

        Assert.Null(ok);
        Assert.Equal(("request.duplicate_key", "$.a", 10L, 1L, 11L), (fault!.Code, fault.Path, fault.Offset, fault.Line, fault.Column));
    }

    [Fact]
    public void Find_reports_a_duplicate_in_an_object_with_many_keys()
    {
        var members = Enumerable.Range(0, 200).Select(i => $"\"k{i}\":{i}").Append("\"k\\u0031\\u0037\":0");

        var fault = JsonBodyCheck.Find(Encoding.UTF8.GetBytes("{\"big\":{" + string.Join(',', members) + "}}"));

        Assert.Equal(("request.duplicate_key", "$.big.k17"), (fault!.Code, fault.Path));
    }

    [Fact]
    public void Find_forgets_the_keys_of_a_closed_object()
    {
        Assert.Null(JsonBodyCheck.Find("{\"a\":{\"b\":1,\"c\":2},\"b\":{\"b\":1},\"c\":[{\"b\":1},{\"b\":1}]}"u8));
        Assert.Equal("$.c", JsonBodyCheck.Find("{\"a\":{\"b\":1,\"c\":2},\"b\":{\"b\":1},\"c\":[],\"c\":1}"u8)!.Path);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}", "$.a", 5L)]
    [InlineData("{\"a\":[\"x\\udc00y\"]}", "$.a[0]", 6L)]
    [InlineData("{\"\\ud800\":1}", "$", 1L)]
    public void Find_reports_an_escaped_lone_surrogate_as_malformed(string json, string path, long offset)
    {
        var fault = JsonBodyCheck.Find(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("request.malformed_json", path, offset), (fault!.Code, fault.Path, fault.Offset));
    }

    [Fact]
    public void Find_reports_invalid_utf8_in_a_property_name_at_its_object()
    {
        var fault = JsonBodyCheck.Find([.. "{\"o\":{\"a"u8.ToArray(), 0xFF, .. "\":1}}"u8.ToArray()]);

        Assert.Equal(("request.malformed_json", "$.o", 8L), (fault!.Code, fault.Path, fault.Offset));
    }

    [Fact]
    public void Find_reports_invalid_utf8_outside_strings_at_its_byte()
    {
        var fault = JsonBodyCheck.Find([.. "{\"a\":1,"u8.ToArray(), 0xC3, 0x28, .. "}"u8.ToArray()]);

        Assert.Equal(("request.malformed_json", "$", 7L), (fault!.Code, fault.Path, fault.Offset));
    }

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    [InlineData(10_000, true)]
    public void Find_refuses_nesting_past_32_levels(int levels, bool refused)
    {
        var fault = JsonBodyCheck.Find(Encoding.UTF8.GetBytes(new string('[', levels) + new string(']', levels)));

        Assert.Equal(refused, fault is { Code: "request.too_deep" });
        Assert.Equal(refused ? 32L : null, fault?.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"a\":1}{}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{/*c*/}")]
    [InlineData("NaN")]
    [InlineData("{\"a\":\"\\x\"}")]
    public void Find_reports_syntax_errors_as_malformed(string json)
    {
        Assert.Equal("request.malformed_json", JsonBodyCheck.Find(Encoding.UTF8.GetBytes(json))?.Code);
    }
}
