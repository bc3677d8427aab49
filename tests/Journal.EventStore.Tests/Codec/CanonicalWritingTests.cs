using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

/// <summary>
/// The canonical forms our encoding requires, written by MessagePack-CSharp's writer as production calls it: shortest
/// integers (non-negative ones unsigned), float32 only when exact, shortest str/bin/ext/container headers.
/// </summary>
public class CanonicalWritingTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    public void Writer_uses_fixint_when_value_is_below_128(long value, string expected) =>
        Assert.Equal(expected, Pack.HexOf((ref TestWriter w) => w.WriteInt64(value)));

    [Theory]
    [InlineData(128L, "cc-80")]
    [InlineData(255L, "cc-ff")]
    [InlineData(256L, "cd-01-00")]
    [InlineData(65535L, "cd-ff-ff")]
    [InlineData(65536L, "ce-00-01-00-00")]
    [InlineData(4294967295L, "ce-ff-ff-ff-ff")]
    [InlineData(4294967296L, "cf-00-00-00-01-00-00-00-00")]
    [InlineData(long.MaxValue, "cf-7f-ff-ff-ff-ff-ff-ff-ff")]
    public void Writer_uses_smallest_unsigned_form_when_value_is_positive(long value, string expected)
    {
        Assert.Equal(expected, Pack.HexOf((ref TestWriter w) => w.WriteInt64(value)));
        Assert.Equal(expected, Pack.HexOf((ref TestWriter w) => w.WriteUInt64((ulong)value)));
    }

    [Theory]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0-df")]
    [InlineData(-128L, "d0-80")]
    [InlineData(-129L, "d1-ff-7f")]
    [InlineData(-32768L, "d1-80-00")]
    [InlineData(-32769L, "d2-ff-ff-7f-ff")]
    [InlineData(-2147483648L, "d2-80-00-00-00")]
    [InlineData(-2147483649L, "d3-ff-ff-ff-ff-7f-ff-ff-ff")]
    [InlineData(long.MinValue, "d3-80-00-00-00-00-00-00-00")]
    public void Writer_uses_smallest_signed_form_when_value_is_negative(long value, string expected) =>
        Assert.Equal(expected, Pack.HexOf((ref TestWriter w) => w.WriteInt64(value)));

    [Fact]
    public void Writer_uses_uint64_when_value_exceeds_int64() =>
        Assert.Equal("cf-ff-ff-ff-ff-ff-ff-ff-ff", Pack.HexOf((ref TestWriter w) => w.WriteUInt64(ulong.MaxValue)));

    [Theory]
    [InlineData(0.5, "ca-3f-00-00-00")]
    [InlineData(-0.0, "ca-80-00-00-00")]
    [InlineData(double.PositiveInfinity, "ca-7f-80-00-00")]
    [InlineData(double.NegativeInfinity, "ca-ff-80-00-00")]
    [InlineData(0.1, "cb-3f-b9-99-99-99-99-99-9a")]
    [InlineData(1e300, "cb-7e-37-e4-3c-88-00-75-9c")]
    public void Writer_uses_float32_only_when_double_round_trips_through_float(double value, string expected) =>
        Assert.Equal(expected, Pack.HexOf((ref TestWriter w) => w.WriteDouble(value)));

    [Fact]
    public void Writer_uses_float32_when_double_is_nan()
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteDouble(double.NaN));
        Assert.Equal(5, bytes.Length);
        Assert.Equal(0xca, bytes[0]);
        Assert.True(double.IsNaN(new TestReader(bytes).ReadDouble()));
    }

    [Fact]
    public void Writer_always_uses_float32_when_writing_single() =>
        Assert.Equal("ca-3f-80-00-00", Pack.HexOf((ref TestWriter w) => w.WriteSingle(1f)));

    [Theory]
    [InlineData(31, 0xa0 + 31, 1)]
    [InlineData(32, 0xd9, 2)]
    [InlineData(255, 0xd9, 2)]
    [InlineData(256, 0xda, 3)]
    [InlineData(65535, 0xda, 3)]
    [InlineData(65536, 0xdb, 5)]
    public void Writer_uses_smallest_str_header_when_string_has_given_utf8_length(int length, int code, int headerSize)
    {
        string text = new('x', length);
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteString(text));
        Assert.Equal(code, bytes[0]);
        Assert.Equal(headerSize + length, bytes.Length);
        Assert.Equal(text, new TestReader(bytes).ReadString());
    }

    [Fact]
    public void Writer_counts_utf8_bytes_when_string_has_multibyte_characters()
    {
        string text = new('é', 16);
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteString(text));
        Assert.Equal(0xd9, bytes[0]);
        Assert.Equal(32, bytes[1]);
    }

    [Fact]
    public void Writer_replaces_lone_surrogate_when_string_is_invalid_utf16() =>
        Assert.Equal("a3-ef-bf-bd", Pack.HexOf((ref TestWriter w) => w.WriteString("\ud800")));

    [Theory]
    [InlineData(15, "9f")]
    [InlineData(16, "dc-00-10")]
    [InlineData(65535, "dc-ff-ff")]
    [InlineData(65536, "dd-00-01-00-00")]
    public void Writer_uses_smallest_array_header_when_count_is_given(int count, string expected) =>
        Assert.Equal(expected, Pack.HexOf((ref TestWriter w) => w.WriteArrayHeader(count)));

    [Theory]
    [InlineData(15, "8f")]
    [InlineData(16, "de-00-10")]
    [InlineData(65536, "df-00-01-00-00")]
    public void Writer_uses_smallest_map_header_when_count_is_given(int count, string expected) =>
        Assert.Equal(expected, Pack.HexOf((ref TestWriter w) => w.WriteMapHeader(count)));

    [Fact]
    public void Writer_throws_when_container_count_is_negative() =>
        Assert.Throws<OverflowException>(() => Pack.Bytes((ref TestWriter w) => w.WriteArrayHeader(-1)));

    [Theory]
    [InlineData(255, "c4-ff")]
    [InlineData(256, "c5-01-00")]
    [InlineData(65536, "c6-00-01-00-00")]
    public void Writer_uses_smallest_bin_header_when_length_is_given(int length, string expectedHeader)
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteBinary(new byte[length]));
        Assert.StartsWith(expectedHeader, Hex.Format(bytes.AsSpan(0, 5)), StringComparison.Ordinal);
        Assert.Equal(length, new TestReader(bytes).ReadBinary().Length);
    }

    [Theory]
    [InlineData(16, "d8-05")]
    [InlineData(17, "c7-11-05")]
    [InlineData(256, "c8-01-00-05")]
    [InlineData(65536, "c9-00-01-00-00-05")]
    public void Writer_uses_smallest_ext_header_when_payload_length_is_given(int length, string expectedHeader)
    {
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteExtension(5, new byte[length]));
        Assert.StartsWith(expectedHeader, Hex.Format(bytes.AsSpan(0, 6)), StringComparison.Ordinal);
        var extension = new TestReader(bytes).ReadExtension();
        Assert.Equal(5, extension.Type);
        Assert.Equal(length, extension.Data.Length);
    }

    [Fact]
    public void Writer_uses_timestamp32_when_instant_is_whole_seconds_after_epoch() =>
        Assert.Equal("d6-ff-00-00-00-01", Pack.HexOf((ref TestWriter w) => w.WriteTimestamp(DateTimeOffset.UnixEpoch.AddSeconds(1))));

    [Fact]
    public void Writer_uses_timestamp96_when_instant_is_before_epoch()
    {
        DateTimeOffset instant = DateTimeOffset.UnixEpoch.AddTicks(-1);
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteTimestamp(instant));
        Assert.Equal("c7-0c-ff-3b-9a-c9-9c-ff-ff-ff-ff-ff-ff-ff-ff", Hex.Format(bytes));
        Assert.Equal(instant, new TestReader(bytes).ReadDateTimeOffset());
    }

    [Fact]
    public void Writer_converts_to_utc_when_instant_has_an_offset()
    {
        var local = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(5));
        byte[] bytes = Pack.Bytes((ref TestWriter w) => w.WriteTimestamp(local));
        DateTimeOffset read = new TestReader(bytes).ReadDateTimeOffset();
        Assert.Equal(local, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public void Writer_throws_when_timestamp_nanoseconds_exceed_one_second() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pack.Bytes((ref TestWriter w) => w.WriteTimestamp(0, 1_000_000_000)));
}
