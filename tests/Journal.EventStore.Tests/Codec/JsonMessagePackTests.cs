using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

public class JsonMessagePackTests
{
    private sealed record Sample(string Name, int Count, double Ratio, decimal Price, long[] Ids, Guid Id, DateTimeOffset At, bool? Flag);

    [Theory]
    [InlineData("1", "01")]
    [InlineData("1.0", "01")]
    [InlineData("1e2", "64")]
    [InlineData("-1.0", "ff")]
    [InlineData("0.0", "00")]
    [InlineData("-0", "ca-80-00-00-00")]
    [InlineData("-0.0", "ca-80-00-00-00")]
    [InlineData("0.5", "ca-3f-00-00-00")]
    [InlineData("0.1", "cb-3f-b9-99-99-99-99-99-9a")]
    [InlineData("18446744073709551615", "cf-ff-ff-ff-ff-ff-ff-ff-ff")]
    [InlineData("18446744073709551616", "ca-5f-80-00-00")]
    [InlineData("-9223372036854775809", "ca-df-00-00-00")]
    [InlineData("9.0e15", "cf-00-1f-f9-73-ca-fa-80-00")]
    [InlineData("9007199254740992.0", "cf-00-20-00-00-00-00-00-00")]
    [InlineData("9007199254740994.0", "cb-43-40-00-00-00-00-00-01")]
    [InlineData("1e20", "cb-44-15-af-1d-78-b5-8c-40")]
    public void Encode_uses_shortest_number_form_when_json_number_is_parsed(string json, string expected)
    {
        Assert.Equal(expected, Hex.Format(JsonMessagePack.Encode(JsonNode.Parse(json))));
        Assert.Equal(expected, Hex.Format(JsonMessagePack.Encode(JsonSerializer.SerializeToNode(JsonDocument.Parse(json).RootElement))));
    }

    [Fact]
    public void Encode_treats_clr_numbers_like_parsed_ones_when_value_wraps_clr_value()
    {
        Assert.Equal("01", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(1.0))));
        Assert.Equal("01", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(1.0f))));
        Assert.Equal("01", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(1.0m))));
        Assert.Equal("01", Hex.Format(JsonMessagePack.Encode(JsonValue.Create((byte)1))));
        Assert.Equal("ff", Hex.Format(JsonMessagePack.Encode(JsonValue.Create((short)-1))));
        Assert.Equal("cd-ff-ff", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(ushort.MaxValue))));
        Assert.Equal("ce-ff-ff-ff-ff", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(uint.MaxValue))));
        Assert.Equal("cf-ff-ff-ff-ff-ff-ff-ff-ff", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(ulong.MaxValue))));
        Assert.Equal("ca-80-00-00-00", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(-0.0))));
        Assert.Equal("cb-3f-b9-99-99-99-99-99-9a", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(0.1m))));
        Assert.Equal("ca-3d-cc-cc-cd", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(0.1f))));
        Assert.Equal("ca-ff-c0-00-00", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(double.NaN))));
        Assert.Equal("cf-00-20-00-00-00-00-00-02", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(9007199254740994.0))));
        Assert.Equal("d3-fe-f3-ce-d6-b7-92-2e-04", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(-75489347137032700.0))));
        Assert.Equal("cb-43-76-34-57-85-d8-a0-00", Hex.Format(JsonMessagePack.Encode(JsonValue.Create(1e17))));
    }

    [Fact]
    public void Encode_produces_same_bytes_when_record_is_serialized_to_node_or_parsed()
    {
        var sample = new Sample("événement 🍺", 42, 0.25, 19.99m, [1, -2, 300], Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), null);
        JsonNode? viaNode = JsonSerializer.SerializeToNode(sample);
        JsonNode? parsed = JsonNode.Parse(JsonSerializer.Serialize(sample));
        byte[] fromNode = JsonMessagePack.Encode(viaNode);
        Assert.Equal(fromNode, JsonMessagePack.Encode(parsed));
        Assert.True(JsonNode.DeepEquals(parsed, JsonMessagePack.Decode(fromNode)));
    }

    [Fact]
    public void Encode_uses_json_form_when_value_wraps_non_primitive_clr_value()
    {
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        var node = new JsonObject
        {
            ["id"] = JsonValue.Create(id),
            ["c"] = JsonValue.Create('x'),
            ["at"] = JsonValue.Create(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        };
        JsonNode? decoded = JsonMessagePack.Decode(JsonMessagePack.Encode(node));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(node.ToJsonString()), decoded), decoded?.ToJsonString());
    }

    [Fact]
    public void Encode_keeps_object_order_when_writing_maps()
    {
        var node = new JsonObject { ["b"] = 1, ["a"] = 2 };
        Assert.Equal("82-a1-62-01-a1-61-02", Hex.Format(JsonMessagePack.Encode(node)));
        Assert.Equal("{\"b\":1,\"a\":2}", JsonMessagePack.Decode(JsonMessagePack.Encode(node))!.ToJsonString());
    }

    [Fact]
    public void Write_appends_to_buffer_when_output_is_given()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        JsonMessagePack.Write(JsonNode.Parse("[true,null,\"x\"]"), buffer);
        Assert.Equal("93-c3-c0-a1-78", Hex.Format(buffer.WrittenSpan));
    }

    [Fact]
    public void Encode_throws_when_tree_is_deeper_than_max_depth()
    {
        JsonNode root = new JsonArray();
        for (int i = 1; i <= JsonMessagePack.DefaultMaxDepth; i++)
        {
            root = new JsonArray(root);
        }

        Assert.Throws<ArgumentException>(() => JsonMessagePack.Encode(root));
        Assert.NotNull(JsonMessagePack.Encode(root[0]));
    }

    [Fact]
    public void Decode_produces_base64_string_when_value_is_binary() =>
        Assert.Equal("AQID", JsonMessagePack.Decode(Hex.Parse("c4-03-01-02-03"))!.GetValue<string>());

    [Fact]
    public void Decode_produces_iso_utc_string_when_value_is_timestamp()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteTimestamp(1514862245, 678901234));
        Assert.Equal("2018-01-02T03:04:05.6789012Z", JsonMessagePack.Decode(bytes)!.GetValue<string>());
        Assert.Equal("\"2018-01-02T03:04:05.6789012Z\"", JsonBridge.ToJsonText(bytes));
    }

    [Fact]
    public void Decode_produces_ext_object_when_timestamp_is_outside_datetimeoffset_range()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteTimestamp(long.MinValue, 0));
        const string expected = "{\"$ext\":-1,\"data\":\"AAAAAIAAAAAAAAAA\"}";
        Assert.Equal(expected, JsonMessagePack.Decode(bytes)!.ToJsonString());
        Assert.Equal(expected, JsonBridge.ToJsonText(bytes));
    }

    [Fact]
    public void Decode_produces_ext_object_when_value_is_extension()
    {
        const string expected = "{\"$ext\":5,\"data\":\"qrs=\"}";
        Assert.Equal(expected, JsonMessagePack.Decode(Hex.Parse("c7-02-05-aa-bb"))!.ToJsonString());
        Assert.Equal(expected, JsonBridge.ToJsonText(Hex.Parse("c7-02-05-aa-bb")));
    }

    [Fact]
    public void Decode_converts_keys_to_strings_when_map_keys_are_not_strings()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) =>
        {
            w.WriteMapHeader(9);
            w.WriteInt64(-1);
            w.WriteInt64(1);
            w.WriteUInt64(ulong.MaxValue);
            w.WriteInt64(2);
            w.WriteNil();
            w.WriteInt64(3);
            w.WriteBoolean(true);
            w.WriteInt64(4);
            w.WriteDouble(0.5);
            w.WriteInt64(5);
            w.WriteBinary([1]);
            w.WriteInt64(6);
            w.WriteTimestamp(0, 0);
            w.WriteInt64(7);
            w.WriteArrayHeader(2);
            w.WriteInt64(1);
            w.WriteString("x");
            w.WriteInt64(8);
            w.WriteDouble(double.NaN);
            w.WriteInt64(9);
        });
        const string expected =
            "{\"-1\":1,\"18446744073709551615\":2,\"null\":3,\"true\":4,\"0.5\":5,\"AQ==\":6,\"1970-01-01T00:00:00.0000000Z\":7,\"[1,\\u0022x\\u0022]\":8,\"NaN\":9}";
        Assert.Equal(expected, JsonMessagePack.Decode(bytes)!.ToJsonString());
        Assert.Equal(expected, JsonBridge.ToJsonText(bytes));
    }

    [Fact]
    public void Decode_produces_strings_when_floats_are_not_finite()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) =>
        {
            w.WriteArrayHeader(3);
            w.WriteDouble(double.NaN);
            w.WriteDouble(double.PositiveInfinity);
            w.WriteSingle(float.NegativeInfinity);
        });
        Assert.Equal("[\"NaN\",\"Infinity\",\"-Infinity\"]", JsonMessagePack.Decode(bytes)!.ToJsonString());
        Assert.Equal("[\"NaN\",\"Infinity\",\"-Infinity\"]", JsonBridge.ToJsonText(bytes));
    }

    [Fact]
    public void WriteJson_matches_decode_when_value_is_a_mixed_document()
    {
        JsonNode? node = JsonNode.Parse("""{"a":[1,-2,3.5,"x",null,true,{"b":{}}],"c":"é🍺","d":-0.0,"e":1e300,"f":18446744073709551615}""");
        byte[] bytes = JsonMessagePack.Encode(node);
        Assert.Equal(JsonMessagePack.Decode(bytes)!.ToJsonString(), JsonBridge.ToJsonText(bytes));
        Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(JsonBridge.ToJsonText(bytes))));
    }
}
