using System.Buffers;
using System.Buffers.Binary;

namespace Journal.EventStore.Codec;

/// <summary>
/// Writes MessagePack values to an <see cref="IBufferWriter{T}"/>, always choosing the shortest encoding
/// (so equal values always produce identical bytes).
/// </summary>
public ref struct MessagePackWriter
{
    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">The destination buffer.</param>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Writes nil.</summary>
    public readonly void WriteNil() => WriteByte(MessagePackCode.Nil);

    /// <summary>Writes a boolean.</summary>
    public readonly void WriteBoolean(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>
    /// Writes a signed integer in its shortest form: non-negative values as positive fixint or uint8..64,
    /// negative values as negative fixint or the smallest int8..64 that holds them.
    /// </summary>
    public readonly void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        if (value >= -32)
        {
            WriteByte(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> span = _output.GetSpan(2);
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)(sbyte)value);
            _output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> span = _output.GetSpan(3);
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            _output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> span = _output.GetSpan(5);
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            _output.Advance(5);
        }
        else
        {
            Span<byte> span = _output.GetSpan(9);
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>Writes an unsigned integer in its shortest form (positive fixint or uint8..64).</summary>
    public readonly void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> span = _output.GetSpan(2);
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
            _output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> span = _output.GetSpan(3);
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            _output.Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> span = _output.GetSpan(5);
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            _output.Advance(5);
        }
        else
        {
            Span<byte> span = _output.GetSpan(9);
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            _output.Advance(9);
        }
    }

    /// <summary>Writes a float32.</summary>
    public readonly void WriteSingle(float value)
    {
        Span<byte> span = _output.GetSpan(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
        _output.Advance(5);
    }

    /// <summary>
    /// Writes a floating-point value as float32 when it converts to float and back without change
    /// (including NaN, the infinities and -0.0), otherwise as float64.
    /// </summary>
    public readonly void WriteDouble(double value)
    {
        float narrow = (float)value;
        if (double.IsNaN(value) || BitConverter.DoubleToInt64Bits(narrow) == BitConverter.DoubleToInt64Bits(value))
        {
            WriteSingle(narrow);
            return;
        }

        Span<byte> span = _output.GetSpan(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        _output.Advance(9);
    }

    /// <summary>
    /// Writes text as a str value, encoding UTF-16 to UTF-8 directly into the output.
    /// Unpaired surrogates are replaced with U+FFFD.
    /// </summary>
    /// <param name="value">The text.</param>
    public readonly void WriteString(ReadOnlySpan<char> value)
    {
        int byteCount = System.Text.Encoding.UTF8.GetByteCount(value);
        int headerSize = WriteStringHeader(byteCount, out Span<byte> span);
        int written = System.Text.Encoding.UTF8.GetBytes(value, span[headerSize..]);
        _output.Advance(headerSize + written);
    }

    /// <summary>Writes already UTF-8 encoded text as a str value (the bytes are copied as given).</summary>
    /// <param name="utf8">The UTF-8 bytes.</param>
    public readonly void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        int headerSize = WriteStringHeader(utf8.Length, out Span<byte> span);
        utf8.CopyTo(span[headerSize..]);
        _output.Advance(headerSize + utf8.Length);
    }

    /// <summary>Writes a byte string as bin8, bin16 or bin32.</summary>
    /// <param name="value">The bytes.</param>
    public readonly void WriteBinary(ReadOnlySpan<byte> value)
    {
        int length = value.Length;
        int headerSize = length <= byte.MaxValue ? 2 : length <= ushort.MaxValue ? 3 : 5;
        Span<byte> span = _output.GetSpan(headerSize + length);
        switch (headerSize)
        {
            case 2:
                span[0] = MessagePackCode.Bin8;
                span[1] = (byte)length;
                break;
            case 3:
                span[0] = MessagePackCode.Bin16;
                BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
                break;
            default:
                span[0] = MessagePackCode.Bin32;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
                break;
        }

        value.CopyTo(span[headerSize..]);
        _output.Advance(headerSize + length);
    }

    /// <summary>Writes an array header; the caller then writes <paramref name="count"/> values.</summary>
    /// <param name="count">The number of elements.</param>
    public readonly void WriteArrayHeader(int count) =>
        WriteContainerHeader(count, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32);

    /// <summary>Writes a map header; the caller then writes <paramref name="count"/> key/value pairs.</summary>
    /// <param name="count">The number of entries.</param>
    public readonly void WriteMapHeader(int count) =>
        WriteContainerHeader(count, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32);

    /// <summary>Writes a timestamp (extension type -1) in the smallest of its 32-, 64- and 96-bit forms.</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z (may be negative).</param>
    /// <param name="nanoseconds">Nanoseconds added to <paramref name="seconds"/>, at most 999 999 999.</param>
    public readonly void WriteTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanoseconds, MessagePackCode.MaxNanoseconds);
        if ((seconds >> 34) == 0)
        {
            if (nanoseconds == 0 && seconds <= uint.MaxValue)
            {
                Span<byte> span32 = _output.GetSpan(6);
                span32[0] = MessagePackCode.FixExt4;
                span32[1] = unchecked((byte)MessagePackCode.TimestampType);
                BinaryPrimitives.WriteUInt32BigEndian(span32[2..], (uint)seconds);
                _output.Advance(6);
                return;
            }

            Span<byte> span64 = _output.GetSpan(10);
            span64[0] = MessagePackCode.FixExt8;
            span64[1] = unchecked((byte)MessagePackCode.TimestampType);
            BinaryPrimitives.WriteUInt64BigEndian(span64[2..], ((ulong)nanoseconds << 34) | (ulong)seconds);
            _output.Advance(10);
            return;
        }

        Span<byte> span = _output.GetSpan(15);
        span[0] = MessagePackCode.Ext8;
        span[1] = 12;
        span[2] = unchecked((byte)MessagePackCode.TimestampType);
        BinaryPrimitives.WriteUInt32BigEndian(span[3..], nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(span[7..], seconds);
        _output.Advance(15);
    }

    /// <summary>Writes an instant as a timestamp (UTC, 100 ns precision), in the smallest form.</summary>
    /// <param name="value">The instant.</param>
    public readonly void WriteTimestamp(DateTimeOffset value)
    {
        (long seconds, uint nanoseconds) = MessagePackTimestamp.FromDateTimeOffset(value);
        WriteTimestamp(seconds, nanoseconds);
    }

    /// <summary>Writes an extension value, using fixext for payloads of 1, 2, 4, 8 or 16 bytes and ext8/16/32 otherwise.</summary>
    /// <param name="type">The extension type code.</param>
    /// <param name="data">The payload.</param>
    public readonly void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        int length = data.Length;
        byte fixCode = length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        int headerSize = fixCode != 0 ? 2 : length <= byte.MaxValue ? 3 : length <= ushort.MaxValue ? 4 : 6;
        Span<byte> span = _output.GetSpan(headerSize + length);
        switch (headerSize)
        {
            case 2:
                span[0] = fixCode;
                break;
            case 3:
                span[0] = MessagePackCode.Ext8;
                span[1] = (byte)length;
                break;
            case 4:
                span[0] = MessagePackCode.Ext16;
                BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
                break;
            default:
                span[0] = MessagePackCode.Ext32;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
                break;
        }

        span[headerSize - 1] = unchecked((byte)type);
        data.CopyTo(span[headerSize..]);
        _output.Advance(headerSize + length);
    }

    private readonly void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    private readonly int WriteStringHeader(int byteCount, out Span<byte> span)
    {
        if (byteCount <= 31)
        {
            span = _output.GetSpan(1 + byteCount);
            span[0] = (byte)(MessagePackCode.MinFixStr | byteCount);
            return 1;
        }

        if (byteCount <= byte.MaxValue)
        {
            span = _output.GetSpan(2 + byteCount);
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
            return 2;
        }

        if (byteCount <= ushort.MaxValue)
        {
            span = _output.GetSpan(3 + byteCount);
            span[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount);
            return 3;
        }

        span = _output.GetSpan(5 + byteCount);
        span[0] = MessagePackCode.Str32;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount);
        return 5;
    }

    private readonly void WriteContainerHeader(int count, byte fixBase, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            WriteByte((byte)(fixBase | count));
        }
        else if (count <= ushort.MaxValue)
        {
            Span<byte> span = _output.GetSpan(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            _output.Advance(3);
        }
        else
        {
            Span<byte> span = _output.GetSpan(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            _output.Advance(5);
        }
    }
}
