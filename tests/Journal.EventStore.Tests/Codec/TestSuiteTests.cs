using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

/// <summary>
/// Runs every case of the msgpack-test-suite: each listed encoding must decode to the value, and the writer must
/// produce the first listed encoding (the canonical, shortest one).
/// </summary>
public class TestSuiteTests
{
    /// <summary>
    /// The one case where the suite's first encoding contradicts the team rule "non-negative integers always use the
    /// unsigned forms": int64.MaxValue is listed as d3 (int64) first, and cf (uint64, same length) second. We write cf.
    /// </summary>
    private static readonly Dictionary<string, string> CanonicalOverrides = new()
    {
        ["\"9223372036854775807\""] = "cf-7f-ff-ff-ff-ff-ff-ff-ff",
    };

    [Fact]
    public void Suite_has_a_theory_for_every_group_when_file_is_loaded()
    {
        string[] covered =
        [
            "10.nil.yaml", "11.bool.yaml", "12.binary.yaml", "20.number-positive.yaml", "21.number-negative.yaml",
            "22.number-float.yaml", "23.number-bignum.yaml", "30.string-ascii.yaml", "31.string-utf8.yaml",
            "32.string-emoji.yaml", "40.array.yaml", "41.map.yaml", "42.nested.yaml", "50.timestamp.yaml", "60.ext.yaml",
        ];
        Assert.Equal(covered.Order(), TestSuiteCases.GroupNames.Order());
    }

    [Theory]
    [MemberData(nameof(TestSuiteCases.Nil), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_nil(string value, string encodings)
    {
        Assert.Equal("null", value);
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            Assert.Equal(TestKind.Nil, reader.PeekType());
            Assert.True(reader.TryReadNil());
            Assert.True(reader.End);
            Assert.Null(JsonMessagePack.Decode(bytes));
        }

        AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteNil());
        Assert.Equal(Canonical(value, encodings), Hex.Format(JsonMessagePack.Encode(null)));
    }

    [Theory]
    [MemberData(nameof(TestSuiteCases.Bool), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_bool(string value, string encodings)
    {
        bool expected = bool.Parse(value);
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            Assert.Equal(TestKind.Boolean, reader.PeekType());
            Assert.Equal(expected, reader.ReadBoolean());
            Assert.True(reader.End);
        }

        AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteBoolean(expected));
        AssertJsonBridge(value, encodings, JsonValue.Create(expected));
    }

    [Theory]
    [MemberData(nameof(TestSuiteCases.Binary), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_binary(string value, string encodings)
    {
        byte[] expected = Hex.Parse(JsonNode.Parse(value)!.GetValue<string>());
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            Assert.Equal(TestKind.Binary, reader.PeekType());
            Assert.Equal(expected, reader.ReadBinary().ToArray());
            Assert.True(reader.End);
            Assert.Equal(Convert.ToBase64String(expected), JsonMessagePack.Decode(bytes)!.GetValue<string>());
        }

        AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteBinary(expected));
    }

    [Theory]
    [MemberData(nameof(TestSuiteCases.NumberPositive), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_positive_number(string value, string encodings) =>
        AssertNumberCase(value, encodings, JsonNode.Parse(value)!.ToJsonString());

    [Theory]
    [MemberData(nameof(TestSuiteCases.NumberNegative), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_negative_number(string value, string encodings) =>
        AssertNumberCase(value, encodings, JsonNode.Parse(value)!.ToJsonString());

    [Theory]
    [MemberData(nameof(TestSuiteCases.NumberFloat), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_float(string value, string encodings) =>
        AssertNumberCase(value, encodings, JsonNode.Parse(value)!.ToJsonString());

    [Theory]
    [MemberData(nameof(TestSuiteCases.Bignum), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_bignum(string value, string encodings) =>
        AssertNumberCase(value, encodings, JsonNode.Parse(value)!.GetValue<string>());

    [Theory]
    [MemberData(nameof(TestSuiteCases.StringAscii), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_ascii_string(string value, string encodings) =>
        AssertStringCase(value, encodings);

    [Theory]
    [MemberData(nameof(TestSuiteCases.StringUtf8), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_utf8_string(string value, string encodings) =>
        AssertStringCase(value, encodings);

    [Theory]
    [MemberData(nameof(TestSuiteCases.StringEmoji), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_emoji_string(string value, string encodings) =>
        AssertStringCase(value, encodings);

    [Theory]
    [MemberData(nameof(TestSuiteCases.Array), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_array(string value, string encodings) =>
        AssertStructureCase(value, encodings);

    [Theory]
    [MemberData(nameof(TestSuiteCases.Map), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_map(string value, string encodings) =>
        AssertStructureCase(value, encodings);

    [Theory]
    [MemberData(nameof(TestSuiteCases.Nested), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_nested(string value, string encodings) =>
        AssertStructureCase(value, encodings);

    [Theory]
    [MemberData(nameof(TestSuiteCases.Timestamp), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_timestamp(string value, string encodings)
    {
        JsonArray pair = JsonNode.Parse(value)!.AsArray();
        long seconds = pair[0]!.GetValue<long>();
        uint nanoseconds = pair[1]!.GetValue<uint>();
        bool inRange = seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        DateTimeOffset instant = inRange ? DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100) : default;
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            Assert.Equal(TestKind.Timestamp, reader.PeekType());
            Assert.Equal((seconds, nanoseconds), reader.ReadTimestamp());
            Assert.True(reader.End);

            var asExtension = new TestReader(bytes);
            Assert.Equal(-1, asExtension.ReadExtension().Type);
            Assert.True(asExtension.End);

            if (inRange)
            {
                var dateReader = new TestReader(bytes);
                Assert.Equal(instant, dateReader.ReadDateTimeOffset());
                Assert.Equal(instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), JsonMessagePack.Decode(bytes)!.GetValue<string>());
            }
        }

        AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteTimestamp(seconds, nanoseconds));
        if (inRange && nanoseconds % 100 == 0)
        {
            AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteTimestamp(instant));
        }
    }

    [Theory]
    [MemberData(nameof(TestSuiteCases.Ext), MemberType = typeof(TestSuiteCases))]
    public void Codec_round_trips_suite_case_when_group_is_ext(string value, string encodings)
    {
        JsonArray pair = JsonNode.Parse(value)!.AsArray();
        sbyte type = pair[0]!.GetValue<sbyte>();
        byte[] data = Hex.Parse(pair[1]!.GetValue<string>());
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            Assert.Equal(TestKind.Extension, reader.PeekType());
            var extension = reader.ReadExtension();
            Assert.Equal(type, extension.Type);
            Assert.Equal(data, extension.Data.ToArray());
            Assert.True(reader.End);
            var expectedJson = new JsonObject { ["$ext"] = (int)type, ["data"] = Convert.ToBase64String(data) };
            Assert.True(JsonNode.DeepEquals(expectedJson, JsonMessagePack.Decode(bytes)));
        }

        AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteExtension(type, data));
    }

    private static void AssertNumberCase(string value, string encodings, string numberText)
    {
        bool integral = BigInteger.TryParse(numberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger integer);
        double number = double.Parse(numberText, CultureInfo.InvariantCulture);
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            TestKind type = reader.PeekType();
            if (type == TestKind.Integer)
            {
                Assert.True(integral);
                if (integer <= long.MaxValue)
                {
                    Assert.Equal((long)integer, reader.ReadInt64());
                }
                else
                {
                    Assert.Equal((ulong)integer, reader.ReadUInt64());
                }
            }
            else
            {
                Assert.Equal(TestKind.Float, type);
                Assert.Equal(number, reader.ReadDouble());
            }

            Assert.True(reader.End);
            Assert.Equal(number, new TestReader(bytes).ReadDouble());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(numberText), JsonMessagePack.Decode(bytes)), Hex.Format(bytes));
        }

        if (integral && integer < 0)
        {
            AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteInt64((long)integer));
        }
        else if (integral)
        {
            AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteUInt64((ulong)integer));
        }
        else
        {
            AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteDouble(number));
        }

        Assert.Equal(Canonical(value, encodings), Hex.Format(JsonMessagePack.Encode(JsonNode.Parse(numberText))));
    }

    private static void AssertStringCase(string value, string encodings)
    {
        string expected = JsonNode.Parse(value)!.GetValue<string>();
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(expected);
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            Assert.Equal(TestKind.String, reader.PeekType());
            Assert.Equal(expected, reader.ReadString());
            Assert.True(reader.End);
            Assert.Equal(utf8, System.Text.Encoding.UTF8.GetBytes(new TestReader(bytes).ReadString()));
        }

        AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteString(expected));
        AssertCanonical(value, encodings, (ref TestWriter w) => w.WriteStringUtf8(utf8));
        AssertJsonBridge(value, encodings, JsonValue.Create(expected));
    }

    private static void AssertStructureCase(string value, string encodings)
    {
        foreach (byte[] bytes in Decodings(encodings))
        {
            var reader = new TestReader(bytes);
            reader.Skip();
            Assert.True(reader.End);
        }

        AssertJsonBridge(value, encodings, JsonNode.Parse(value));
    }

    private static void AssertJsonBridge(string value, string encodings, JsonNode? expected)
    {
        foreach (byte[] bytes in Decodings(encodings))
        {
            Assert.True(JsonNode.DeepEquals(expected, JsonMessagePack.Decode(bytes)), Hex.Format(bytes));
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(JsonBridge.ToJsonText(bytes))), Hex.Format(bytes));
        }

        Assert.Equal(Canonical(value, encodings), Hex.Format(JsonMessagePack.Encode(expected)));
    }

    private static void AssertCanonical(string value, string encodings, WriteAction write) =>
        Assert.Equal(Canonical(value, encodings), Pack.HexOf(write));

    private static string Canonical(string value, string encodings)
    {
        string[] listed = encodings.Split(' ');
        if (CanonicalOverrides.TryGetValue(value, out string? overridden))
        {
            Assert.Contains(overridden, listed);
            return overridden;
        }

        return listed[0];
    }

    private static IEnumerable<byte[]> Decodings(string encodings) => encodings.Split(' ').Select(Hex.Parse);
}
