using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

public class MalformedInputTests
{
    public static TheoryData<string> Malformed => new()
    {
        "c1",
        "91-c1",
        "db-ff-ff-ff-ff-61",
        "da-ff-ff",
        "c6-ff-ff-ff-ff",
        "c6-7f-ff-ff-ff-00",
        "c9-ff-ff-ff-ff-01",
        "dd-ff-ff-ff-ff-c0",
        "dd-7f-ff-ff-ff-c0",
        "df-ff-ff-ff-ff-c0-c0",
        "dc-00-03-c0-c0",
        "de-00-02-a1-61-c0",
        "a2-c3-28",
        "a2-c0-80",
        "a3-ed-a0-80",
        "a1-ff",
        "d7-ff-ff-ff-ff-ff-00-00-00-00",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Decoders_throw_format_exception_when_input_is_malformed(string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        AssertRejected(bytes);
    }

    [Theory]
    [InlineData("82-a1-61-c0-a1-61-c0")]
    [InlineData("82-01-c0-a1-31-c0")]
    public void Json_bridge_throws_format_exception_when_map_keys_are_duplicates(string hex)
    {
        byte[] bytes = Hex.Parse(hex);
        AssertThrowsExactly(hex, () => JsonMessagePack.Decode(bytes));
        AssertThrowsExactly(hex, () => JsonBridge.ToJsonText(bytes));
    }

    [Fact]
    public void Reader_throws_format_exception_when_array_count_cannot_fit() =>
        Assert.Throws<MessagePackFormatException>(() => new TestReader(Hex.Parse("dd-ff-ff-ff-ff")).ReadArrayHeader());

    [Fact]
    public void Reader_throws_format_exception_when_peeking_reserved_byte()
    {
        MessagePackFormatException exception = Assert.Throws<MessagePackFormatException>(() => new TestReader([0xc1]).PeekType());
        Assert.Contains("0xc1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_throws_format_exception_when_buffer_is_empty()
    {
        Assert.Throws<MessagePackFormatException>(() => new TestReader([]).PeekType());
        Assert.Throws<MessagePackFormatException>(() => new TestReader([]).TryReadNil());
        Assert.Throws<MessagePackFormatException>(() => JsonMessagePack.Decode(Array.Empty<byte>()));
    }

    [Fact]
    public void Decode_throws_format_exception_when_trailing_bytes_follow_value()
    {
        MessagePackFormatException exception = Assert.Throws<MessagePackFormatException>(() => JsonMessagePack.Decode(new byte[] { 0xc0, 0xc0 }));
        Assert.Equal(1, exception.Offset);
        Assert.Throws<MessagePackFormatException>(() => JsonBridge.ToJsonText(new byte[] { 0x01, 0x02 }));
    }

    [Fact]
    public void Decoders_throw_format_exception_at_every_truncation_when_encoding_is_valid()
    {
        byte[] valid = Pack.Bytes((ref TestWriter w) =>
        {
            w.WriteMapHeader(12);
            w.WriteString("nil");
            w.WriteNil();
            w.WriteString("int");
            w.WriteInt64(-123456789012);
            w.WriteString("uint");
            w.WriteUInt64(ulong.MaxValue);
            w.WriteString("float");
            w.WriteDouble(0.5);
            w.WriteString("double");
            w.WriteDouble(0.1);
            w.WriteString("héllo wörld, a string that needs str8");
            w.WriteBinary([1, 2, 3, 4]);
            w.WriteInt64(300);
            w.WriteArrayHeader(17);
            for (int i = 0; i < 17; i++)
            {
                w.WriteInt64(i * 1000);
            }

            w.WriteString("ts32");
            w.WriteTimestamp(1, 0);
            w.WriteString("ts64");
            w.WriteTimestamp(1, 1);
            w.WriteString("ts96");
            w.WriteTimestamp(-1, 5);
            w.WriteString("ext");
            w.WriteExtension(7, [1, 2, 3]);
            w.WriteString("map");
            w.WriteMapHeader(1);
            w.WriteBoolean(true);
            w.WriteExtension(1, new byte[16]);
        });
        Assert.NotNull(JsonMessagePack.Decode(valid));
        for (int length = 0; length < valid.Length; length++)
        {
            AssertRejected(valid.AsSpan(0, length).ToArray());
        }
    }

    [Fact]
    public void Decoders_throw_format_exception_when_nesting_exceeds_max_depth()
    {
        byte[] tooDeep = Nested(JsonMessagePack.DefaultMaxDepth + 1);
        AssertRejected(tooDeep);
        MessagePackFormatException exception = Assert.Throws<MessagePackFormatException>(() => JsonMessagePack.Decode(tooDeep));
        Assert.Contains("depth", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoders_accept_nesting_when_depth_equals_max_depth()
    {
        byte[] deepest = Nested(JsonMessagePack.DefaultMaxDepth);
        Assert.NotNull(JsonMessagePack.Decode(deepest));
        var reader = new TestReader(deepest);
        reader.Skip();
        Assert.True(reader.End);
    }

    [Fact]
    public void Decoders_honour_custom_max_depth_when_configured()
    {
        byte[] three = Nested(3);
        Assert.Throws<MessagePackFormatException>(() => JsonMessagePack.Decode(three, 2));
        Assert.NotNull(JsonMessagePack.Decode(three, 3));
    }

    [Fact]
    public void Decoders_count_map_keys_when_checking_depth()
    {
        byte[] bytes = [0x81, 0x91, 0x91, 0x90, 0xc0];
        Assert.Throws<MessagePackFormatException>(() => JsonMessagePack.Decode(bytes, 3));
        Assert.Equal("{\"[[[]]]\":null}", JsonMessagePack.Decode(bytes, 4)!.ToJsonString());
    }

    private static byte[] Nested(int depth)
    {
        byte[] bytes = new byte[depth];
        bytes.AsSpan(0, depth - 1).Fill(0x91);
        bytes[^1] = 0x90;
        return bytes;
    }

    private static void AssertRejected(byte[] bytes)
    {
        string label = Hex.Format(bytes);
        AssertThrowsExactly(label, () => JsonMessagePack.Decode(bytes));
        AssertThrowsExactly(label, () => JsonBridge.ToJsonText(bytes));
    }

    private static void AssertThrowsExactly(string label, Action action)
    {
        try
        {
            action();
        }
        catch (MessagePackFormatException)
        {
            return;
        }
        catch (Exception other)
        {
            Assert.Fail($"{label}: expected MessagePackFormatException but got {other.GetType().Name}: {other.Message}");
        }

        Assert.Fail($"{label}: expected MessagePackFormatException but nothing was thrown");
    }
}
