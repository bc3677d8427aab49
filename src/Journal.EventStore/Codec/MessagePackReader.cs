using System.Buffers.Binary;
using System.Globalization;
using System.Text.Unicode;

namespace Journal.EventStore.Codec;

/// <summary>
/// Reads MessagePack values from a span. Every read is bounds-checked: malformed or truncated input raises
/// <see cref="MessagePackFormatException"/> (with the byte offset of the offending value) and never reads
/// outside the span. A failed read leaves <see cref="Consumed"/> unchanged.
/// </summary>
public ref struct MessagePackReader
{
    /// <summary>The default nesting limit enforced by <see cref="Skip"/> and the JSON bridge.</summary>
    public const int DefaultMaxDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/> with the default nesting limit.</summary>
    /// <param name="buffer">The MessagePack bytes.</param>
    public MessagePackReader(ReadOnlySpan<byte> buffer)
        : this(buffer, DefaultMaxDepth)
    {
    }

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The MessagePack bytes.</param>
    /// <param name="maxDepth">The deepest nesting of arrays and maps that <see cref="Skip"/> accepts.</param>
    public MessagePackReader(ReadOnlySpan<byte> buffer, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        _buffer = buffer;
        _position = 0;
        MaxDepth = maxDepth;
    }

    /// <summary>The deepest nesting of arrays and maps accepted when skipping or converting whole values.</summary>
    public readonly int MaxDepth { get; }

    /// <summary>The number of bytes read so far.</summary>
    public readonly int Consumed => _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>Returns the kind of the next value without consuming it.</summary>
    /// <returns>The kind of the next value.</returns>
    public readonly MessagePackType PeekType()
    {
        byte code = PeekCode();
        switch (code)
        {
            case <= MessagePackCode.MaxPositiveFixInt:
            case >= MessagePackCode.MinNegativeFixInt:
            case >= MessagePackCode.UInt8 and <= MessagePackCode.Int64:
                return MessagePackType.Integer;
            case <= MessagePackCode.MaxFixMap:
            case MessagePackCode.Map16:
            case MessagePackCode.Map32:
                return MessagePackType.Map;
            case <= MessagePackCode.MaxFixArray:
            case MessagePackCode.Array16:
            case MessagePackCode.Array32:
                return MessagePackType.Array;
            case <= MessagePackCode.MaxFixStr:
            case >= MessagePackCode.Str8 and <= MessagePackCode.Str32:
                return MessagePackType.String;
            case MessagePackCode.Nil:
                return MessagePackType.Nil;
            case MessagePackCode.False:
            case MessagePackCode.True:
                return MessagePackType.Boolean;
            case >= MessagePackCode.Bin8 and <= MessagePackCode.Bin32:
                return MessagePackType.Binary;
            case MessagePackCode.Float32:
            case MessagePackCode.Float64:
                return MessagePackType.Float;
            case MessagePackCode.FixExt4:
            case MessagePackCode.FixExt8:
                return Slice(_position + 1, 1, _position)[0] == unchecked((byte)MessagePackCode.TimestampType)
                    ? MessagePackType.Timestamp
                    : MessagePackType.Extension;
            case MessagePackCode.Ext8:
                ReadOnlySpan<byte> header = Slice(_position + 1, 2, _position);
                return header[0] == 12 && header[1] == unchecked((byte)MessagePackCode.TimestampType)
                    ? MessagePackType.Timestamp
                    : MessagePackType.Extension;
            case >= MessagePackCode.Ext16 and <= MessagePackCode.Ext32:
            case >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16:
                return MessagePackType.Extension;
            default:
                throw new MessagePackFormatException("Reserved format byte 0xc1 is never used", _position);
        }
    }

    /// <summary>Consumes a nil if one is next.</summary>
    /// <returns>True if a nil was consumed; false (consuming nothing) for any other value.</returns>
    public bool TryReadNil()
    {
        if (PeekCode() != MessagePackCode.Nil)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>Reads a boolean.</summary>
    /// <returns>The value.</returns>
    public bool ReadBoolean()
    {
        byte code = PeekCode();
        if (code is not (MessagePackCode.True or MessagePackCode.False))
        {
            throw Unexpected("a boolean");
        }

        _position++;
        return code == MessagePackCode.True;
    }

    /// <summary>Reads an integer in any of the integer forms.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The value is not an integer or does not fit in <see cref="long"/>.</exception>
    public long ReadInt64()
    {
        int start = _position;
        Int128 value = PeekInteger(out int size);
        if (value > long.MaxValue)
        {
            throw new MessagePackFormatException(Invariant($"Integer {value} overflows Int64"), start);
        }

        _position += size;
        return (long)value;
    }

    /// <summary>Reads a non-negative integer in any of the integer forms.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The value is not an integer or is negative.</exception>
    public ulong ReadUInt64()
    {
        int start = _position;
        Int128 value = PeekInteger(out int size);
        if (value < 0)
        {
            throw new MessagePackFormatException(Invariant($"Integer {value} overflows UInt64"), start);
        }

        _position += size;
        return (ulong)value;
    }

    /// <summary>Reads a float32, float64 or integer as a <see cref="double"/> (large integers may round).</summary>
    /// <returns>The value.</returns>
    public double ReadDouble()
    {
        int start = _position;
        byte code = PeekCode();
        if (code == MessagePackCode.Float32)
        {
            float value = BinaryPrimitives.ReadSingleBigEndian(Slice(start + 1, 4, start));
            _position = start + 5;
            return value;
        }

        if (code == MessagePackCode.Float64)
        {
            double value = BinaryPrimitives.ReadDoubleBigEndian(Slice(start + 1, 8, start));
            _position = start + 9;
            return value;
        }

        if (!IsIntegerCode(code))
        {
            throw Unexpected("a number");
        }

        Int128 integer = PeekInteger(out int size);
        _position += size;
        return (double)integer;
    }

    /// <summary>Reads a str value and decodes it.</summary>
    /// <returns>The text.</returns>
    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadStringSpan());

    /// <summary>Reads a str value, validating that it is well-formed UTF-8.</summary>
    /// <returns>The UTF-8 bytes, a slice of the input.</returns>
    public ReadOnlySpan<byte> ReadStringSpan()
    {
        int start = _position;
        byte code = PeekCode();
        int headerSize;
        long length;
        switch (code)
        {
            case >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr:
                headerSize = 1;
                length = code & 0x1f;
                break;
            case MessagePackCode.Str8:
                headerSize = 2;
                length = Slice(start + 1, 1, start)[0];
                break;
            case MessagePackCode.Str16:
                headerSize = 3;
                length = BinaryPrimitives.ReadUInt16BigEndian(Slice(start + 1, 2, start));
                break;
            case MessagePackCode.Str32:
                headerSize = 5;
                length = BinaryPrimitives.ReadUInt32BigEndian(Slice(start + 1, 4, start));
                break;
            default:
                throw Unexpected("a string");
        }

        ReadOnlySpan<byte> data = Slice(start + headerSize, length, start);
        if (!Utf8.IsValid(data))
        {
            throw new MessagePackFormatException("String is not valid UTF-8", start);
        }

        _position = start + headerSize + data.Length;
        return data;
    }

    /// <summary>Reads a bin value.</summary>
    /// <returns>The bytes, a slice of the input.</returns>
    public ReadOnlySpan<byte> ReadBinary()
    {
        int start = _position;
        byte code = PeekCode();
        int headerSize;
        long length;
        switch (code)
        {
            case MessagePackCode.Bin8:
                headerSize = 2;
                length = Slice(start + 1, 1, start)[0];
                break;
            case MessagePackCode.Bin16:
                headerSize = 3;
                length = BinaryPrimitives.ReadUInt16BigEndian(Slice(start + 1, 2, start));
                break;
            case MessagePackCode.Bin32:
                headerSize = 5;
                length = BinaryPrimitives.ReadUInt32BigEndian(Slice(start + 1, 4, start));
                break;
            default:
                throw Unexpected("binary data");
        }

        ReadOnlySpan<byte> data = Slice(start + headerSize, length, start);
        _position = start + headerSize + data.Length;
        return data;
    }

    /// <summary>
    /// Reads an array header. The count is checked against the remaining input (every element takes at least one byte).
    /// </summary>
    /// <returns>The number of elements that follow.</returns>
    public int ReadArrayHeader() =>
        ReadContainerHeader(MessagePackCode.MinFixArray, MessagePackCode.MaxFixArray, MessagePackCode.Array16, MessagePackCode.Array32, 1, "an array");

    /// <summary>
    /// Reads a map header. The count is checked against the remaining input (every entry takes at least two bytes).
    /// </summary>
    /// <returns>The number of key/value pairs that follow.</returns>
    public int ReadMapHeader() =>
        ReadContainerHeader(MessagePackCode.MinFixMap, MessagePackCode.MaxFixMap, MessagePackCode.Map16, MessagePackCode.Map32, 2, "a map");

    /// <summary>Reads a timestamp extension value (type -1) in any of its three forms.</summary>
    /// <returns>Seconds since the Unix epoch and the nanoseconds after them.</returns>
    public (long Seconds, uint Nanoseconds) ReadTimestamp()
    {
        int start = _position;
        if (PeekType() != MessagePackType.Timestamp)
        {
            throw Unexpected("a timestamp");
        }

        long seconds;
        uint nanoseconds;
        int size;
        switch (PeekCode())
        {
            case MessagePackCode.FixExt4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(Slice(start + 2, 4, start));
                nanoseconds = 0;
                size = 6;
                break;
            case MessagePackCode.FixExt8:
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(Slice(start + 2, 8, start));
                nanoseconds = (uint)(packed >> 34);
                seconds = (long)(packed & 0x3_ffff_ffffUL);
                size = 10;
                break;
            default:
                ReadOnlySpan<byte> payload = Slice(start + 3, 12, start);
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(payload);
                seconds = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
                size = 15;
                break;
        }

        if (nanoseconds > MessagePackCode.MaxNanoseconds)
        {
            throw new MessagePackFormatException(Invariant($"Timestamp nanoseconds {nanoseconds} exceed 999999999"), start);
        }

        _position = start + size;
        return (seconds, nanoseconds);
    }

    /// <summary>Reads a timestamp as a UTC <see cref="DateTimeOffset"/> (truncated to 100 ns ticks).</summary>
    /// <returns>The instant.</returns>
    /// <exception cref="MessagePackFormatException">The value is not a timestamp or lies outside the range of <see cref="DateTimeOffset"/>.</exception>
    public DateTimeOffset ReadDateTimeOffset()
    {
        int start = _position;
        (long seconds, uint nanoseconds) = ReadTimestamp();
        if (!MessagePackTimestamp.TryToDateTimeOffset(seconds, nanoseconds, out DateTimeOffset value))
        {
            _position = start;
            throw new MessagePackFormatException(Invariant($"Timestamp {seconds}s is outside the range of DateTimeOffset"), start);
        }

        return value;
    }

    /// <summary>Reads any extension value (including a timestamp, whose raw payload is returned).</summary>
    /// <returns>The type code and payload.</returns>
    public MessagePackExtension ReadExtension()
    {
        int start = _position;
        byte code = PeekCode();
        int headerSize;
        long length;
        switch (code)
        {
            case >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16:
                headerSize = 2;
                length = 1L << (code - MessagePackCode.FixExt1);
                break;
            case MessagePackCode.Ext8:
                headerSize = 3;
                length = Slice(start + 1, 1, start)[0];
                break;
            case MessagePackCode.Ext16:
                headerSize = 4;
                length = BinaryPrimitives.ReadUInt16BigEndian(Slice(start + 1, 2, start));
                break;
            case MessagePackCode.Ext32:
                headerSize = 6;
                length = BinaryPrimitives.ReadUInt32BigEndian(Slice(start + 1, 4, start));
                break;
            default:
                throw Unexpected("an extension");
        }

        sbyte type = unchecked((sbyte)Slice(start + headerSize - 1, 1, start)[0]);
        ReadOnlySpan<byte> data = Slice(start + headerSize, length, start);
        _position = start + headerSize + data.Length;
        return new MessagePackExtension(type, data);
    }

    /// <summary>Skips one whole value, including everything nested in it, validating it on the way.</summary>
    /// <exception cref="MessagePackFormatException">The value is malformed or nested deeper than <see cref="MaxDepth"/>.</exception>
    public void Skip()
    {
        int start = _position;
        try
        {
            SkipValue(0);
        }
        catch (MessagePackFormatException)
        {
            _position = start;
            throw;
        }
    }

    /// <summary>Reads an integer of any form as a 128-bit value, so that every int64 and uint64 fits.</summary>
    internal Int128 ReadInteger()
    {
        Int128 value = PeekInteger(out int size);
        _position += size;
        return value;
    }

    /// <summary>Throws when entering a container at <paramref name="depth"/> would exceed <see cref="MaxDepth"/>.</summary>
    internal readonly void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackFormatException(Invariant($"Nesting exceeds the maximum depth of {MaxDepth}"), _position);
        }
    }

    /// <summary>Creates an exception for the value at the current offset.</summary>
    internal readonly MessagePackFormatException Error(string message) => new(message, _position);

    private static bool IsIntegerCode(byte code) =>
        code <= MessagePackCode.MaxPositiveFixInt
        || code >= MessagePackCode.MinNegativeFixInt
        || code is >= MessagePackCode.UInt8 and <= MessagePackCode.Int64;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void SkipValue(int depth)
    {
        switch (PeekType())
        {
            case MessagePackType.Nil:
            case MessagePackType.Boolean:
                _position++;
                break;
            case MessagePackType.Integer:
                ReadInteger();
                break;
            case MessagePackType.Float:
                ReadDouble();
                break;
            case MessagePackType.String:
                ReadStringSpan();
                break;
            case MessagePackType.Binary:
                ReadBinary();
                break;
            case MessagePackType.Timestamp:
                ReadTimestamp();
                break;
            case MessagePackType.Extension:
                ReadExtension();
                break;
            case MessagePackType.Array:
                CheckDepth(depth + 1);
                for (int count = ReadArrayHeader(); count > 0; count--)
                {
                    SkipValue(depth + 1);
                }

                break;
            default:
                CheckDepth(depth + 1);
                for (long count = 2L * ReadMapHeader(); count > 0; count--)
                {
                    SkipValue(depth + 1);
                }

                break;
        }
    }

    private readonly byte PeekCode()
    {
        if (_position >= _buffer.Length)
        {
            throw new MessagePackFormatException("Unexpected end of data: expected a value", _position);
        }

        return _buffer[_position];
    }

    private readonly ReadOnlySpan<byte> Slice(int offset, long length, int valueStart)
    {
        long available = (long)_buffer.Length - offset;
        if (length > available)
        {
            throw new MessagePackFormatException(
                Invariant($"Unexpected end of data: needs {length} byte(s) at offset {offset} but only {Math.Max(available, 0)} remain"),
                valueStart);
        }

        return _buffer.Slice(offset, (int)length);
    }

    private readonly Int128 PeekInteger(out int size)
    {
        int start = _position;
        byte code = PeekCode();
        switch (code)
        {
            case <= MessagePackCode.MaxPositiveFixInt:
                size = 1;
                return code;
            case >= MessagePackCode.MinNegativeFixInt:
                size = 1;
                return unchecked((sbyte)code);
            case MessagePackCode.UInt8:
                size = 2;
                return Slice(start + 1, 1, start)[0];
            case MessagePackCode.UInt16:
                size = 3;
                return BinaryPrimitives.ReadUInt16BigEndian(Slice(start + 1, 2, start));
            case MessagePackCode.UInt32:
                size = 5;
                return BinaryPrimitives.ReadUInt32BigEndian(Slice(start + 1, 4, start));
            case MessagePackCode.UInt64:
                size = 9;
                return BinaryPrimitives.ReadUInt64BigEndian(Slice(start + 1, 8, start));
            case MessagePackCode.Int8:
                size = 2;
                return unchecked((sbyte)Slice(start + 1, 1, start)[0]);
            case MessagePackCode.Int16:
                size = 3;
                return BinaryPrimitives.ReadInt16BigEndian(Slice(start + 1, 2, start));
            case MessagePackCode.Int32:
                size = 5;
                return BinaryPrimitives.ReadInt32BigEndian(Slice(start + 1, 4, start));
            case MessagePackCode.Int64:
                size = 9;
                return BinaryPrimitives.ReadInt64BigEndian(Slice(start + 1, 8, start));
            default:
                throw Unexpected("an integer");
        }
    }

    private readonly int ReadContainerHeaderCount(byte minFix, byte maxFix, byte code16, byte code32, string expected, out int headerSize)
    {
        int start = _position;
        byte code = PeekCode();
        if (code >= minFix && code <= maxFix)
        {
            headerSize = 1;
            return code & 0x0f;
        }

        if (code == code16)
        {
            headerSize = 3;
            return BinaryPrimitives.ReadUInt16BigEndian(Slice(start + 1, 2, start));
        }

        if (code == code32)
        {
            headerSize = 5;
            uint count = BinaryPrimitives.ReadUInt32BigEndian(Slice(start + 1, 4, start));
            return count > int.MaxValue ? -1 : (int)count;
        }

        throw Unexpected(expected);
    }

    private int ReadContainerHeader(byte minFix, byte maxFix, byte code16, byte code32, int minBytesPerItem, string expected)
    {
        int start = _position;
        int count = ReadContainerHeaderCount(minFix, maxFix, code16, code32, expected, out int headerSize);
        long remaining = (long)_buffer.Length - start - headerSize;
        if (count < 0 || (long)count * minBytesPerItem > remaining)
        {
            throw new MessagePackFormatException(
                Invariant($"Declared element count {(count < 0 ? "above Int32.MaxValue" : count.ToString(CultureInfo.InvariantCulture))} cannot fit in the {remaining} remaining byte(s)"),
                start);
        }

        _position = start + headerSize;
        return count;
    }

    private readonly MessagePackFormatException Unexpected(string expected)
    {
        byte code = _buffer[_position];
        string found = code == MessagePackCode.NeverUsed ? "reserved byte 0xc1" : Invariant($"format byte 0x{code:x2}");
        return new MessagePackFormatException(Invariant($"Expected {expected} but found {found}"), _position);
    }
}
