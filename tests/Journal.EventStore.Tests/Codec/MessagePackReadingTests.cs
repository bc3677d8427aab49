using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

/// <summary>
/// Our reading rules on MessagePack-CSharp's reader (<see cref="MessagePackValues"/>): how values are told apart
/// (the timestamp forms included), the full integer range, and the checks the library leaves to us.
/// </summary>
public class MessagePackReadingTests
{
    [Theory]
    [InlineData("c0", TestKind.Nil)]
    [InlineData("c3", TestKind.Boolean)]
    [InlineData("7f", TestKind.Integer)]
    [InlineData("e0", TestKind.Integer)]
    [InlineData("d3-00-00-00-00-00-00-00-00", TestKind.Integer)]
    [InlineData("ca-00-00-00-00", TestKind.Float)]
    [InlineData("a0", TestKind.String)]
    [InlineData("c4-00", TestKind.Binary)]
    [InlineData("90", TestKind.Array)]
    [InlineData("80", TestKind.Map)]
    [InlineData("d4-01-00", TestKind.Extension)]
    [InlineData("d4-ff-00", TestKind.Extension)]
    [InlineData("d6-ff-00-00-00-00", TestKind.Timestamp)]
    [InlineData("c7-0c-ff-00-00-00-00-00-00-00-00-00-00-00-00", TestKind.Timestamp)]
    [InlineData("c7-0b-ff-00-00-00-00-00-00-00-00-00-00-00", TestKind.Extension)]
    public void Reader_reports_type_when_peeking(string hex, TestKind expected)
    {
        var reader = new TestReader(Hex.Parse(hex));
        Assert.Equal(expected, reader.PeekType());
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void Reader_returns_false_without_consuming_when_value_is_not_nil()
    {
        var reader = new TestReader([0x01]);
        Assert.False(reader.TryReadNil());
        Assert.Equal(0, reader.Consumed);
        Assert.Equal(1, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void Reader_throws_overflow_when_uint64_exceeds_int64()
    {
        byte[] bytes = Hex.Parse("cf-80-00-00-00-00-00-00-00");
        var reader = new TestReader(bytes);
        Assert.Throws<MessagePackFormatException>(() => new TestReader(bytes).ReadInt64());
        Assert.Equal(9223372036854775808UL, reader.ReadUInt64());
    }

    [Fact]
    public void Reader_throws_overflow_when_reading_negative_as_uint64() =>
        Assert.Throws<MessagePackFormatException>(() => new TestReader([0xff]).ReadUInt64());

    [Fact]
    public void Reader_accepts_integers_when_reading_double() =>
        Assert.Equal(-5.0, new TestReader([0xfb]).ReadDouble());

    [Fact]
    public void Reader_reads_values_in_sequence_when_buffer_holds_several()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.WriteString("k");
            w.WriteMapHeader(1);
            w.WriteInt64(-7);
            w.WriteBoolean(true);
            w.WriteNil();
        });
        var reader = new TestReader(bytes);
        Assert.Equal(2, reader.ReadArrayHeader());
        Assert.Equal("k", reader.ReadString());
        Assert.Equal(1, reader.ReadMapHeader());
        Assert.Equal(-7, reader.ReadInt64());
        Assert.True(reader.ReadBoolean());
        Assert.True(reader.TryReadNil());
        Assert.True(reader.End);
        Assert.Equal(bytes.Length, reader.Consumed);
    }

    [Fact]
    public void Skip_consumes_whole_value_when_value_is_nested()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) =>
        {
            w.WriteMapHeader(2);
            w.WriteString("a");
            w.WriteArrayHeader(3);
            w.WriteDouble(0.1);
            w.WriteBinary([1, 2, 3]);
            w.WriteTimestamp(DateTimeOffset.UnixEpoch);
            w.WriteInt64(1);
            w.WriteExtension(3, [9]);
            w.WriteString("after");
        });
        var reader = new TestReader(bytes);
        reader.Skip();
        Assert.Equal("after", reader.ReadString());
        Assert.True(reader.End);
    }

    [Fact]
    public void Reader_throws_when_timestamp_is_outside_datetimeoffset_range()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteTimestamp(long.MaxValue, 0));
        Assert.Equal((long.MaxValue, 0u), new TestReader(bytes).ReadTimestamp());
        Assert.Throws<MessagePackFormatException>(() => new TestReader(bytes).ReadDateTimeOffset());
    }

    [Fact]
    public void Reader_throws_when_timestamp_nanoseconds_exceed_one_second() =>
        Assert.Throws<MessagePackFormatException>(() => new TestReader(Hex.Parse("d7-ff-ee-6b-28-00-00-00-00-00")).ReadTimestamp());
}
