using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using MessagePack;

namespace Journal.EventStore.Codec;

/// <summary>
/// Our reading rules on top of MessagePack-CSharp's <see cref="MessagePackReader"/>: what the library leaves lenient
/// is strict here. Text must be valid UTF-8, the reserved byte 0xc1 is an error, a timestamp's nanoseconds are at most
/// 999 999 999, integers keep their full unsigned range, and nesting is bounded by the caller's depth.
/// </summary>
internal static class MessagePackValues
{
    /// <summary>The largest nanoseconds field a timestamp may carry.</summary>
    public const uint MaxNanoseconds = 999_999_999;

    private const sbyte TimestampType = -1;

    /// <summary>The kind of the next value; the reserved byte 0xc1 is an error, not "unknown".</summary>
    public static MessagePackType PeekType(ref MessagePackReader reader)
    {
        MessagePackType type = reader.NextMessagePackType;
        if (type == MessagePackType.Unknown)
        {
            throw new MessagePackFormatException("Reserved format byte 0xc1 is never used", Offset(ref reader));
        }

        return type;
    }

    /// <summary>
    /// Whether the next extension is a timestamp: type -1 in fixext4, fixext8 or ext8 with 12 bytes, the three forms
    /// the spec defines. Any other extension of type -1 is rendered like other extensions.
    /// </summary>
    public static bool IsTimestamp(ref MessagePackReader reader)
    {
        byte code = reader.NextCode;
        if (code is not (MessagePackCode.FixExt4 or MessagePackCode.FixExt8 or MessagePackCode.Ext8))
        {
            return false;
        }

        MessagePackReader peek = reader.CreatePeekReader();
        ExtensionHeader header = peek.ReadExtensionFormatHeader();
        return header.TypeCode == TimestampType && (code != MessagePackCode.Ext8 || header.Length == 12);
    }

    /// <summary>Reads a timestamp (after <see cref="IsTimestamp"/> said it is one) as seconds and nanoseconds.</summary>
    public static (long Seconds, uint Nanoseconds) ReadTimestamp(ref MessagePackReader reader)
    {
        int start = Offset(ref reader);
        ExtensionHeader header = reader.ReadExtensionFormatHeader();
        Span<byte> data = stackalloc byte[12];
        reader.ReadRaw(header.Length).CopyTo(data);
        long seconds;
        uint nanoseconds;
        switch (header.Length)
        {
            case 4:
                seconds = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data);
                nanoseconds = 0;
                break;
            case 8:
                ulong packed = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(data);
                nanoseconds = (uint)(packed >> 34);
                seconds = (long)(packed & 0x3_ffff_ffffUL);
                break;
            default:
                nanoseconds = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data);
                seconds = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(data[4..]);
                break;
        }

        if (nanoseconds > MaxNanoseconds)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Timestamp nanoseconds {nanoseconds} exceed {MaxNanoseconds}"), start);
        }

        return (seconds, nanoseconds);
    }

    /// <summary>Reads an extension: its payload, and its type code in <paramref name="type"/>.</summary>
    public static ReadOnlySpan<byte> ReadExtension(ref MessagePackReader reader, out sbyte type)
    {
        ExtensionHeader header = reader.ReadExtensionFormatHeader();
        type = header.TypeCode;
        return Contiguous(reader.ReadRaw(header.Length));
    }

    /// <summary>Reads any integer form, the whole uint64 range included.</summary>
    public static Int128 ReadInteger(ref MessagePackReader reader) =>
        reader.NextCode == MessagePackCode.UInt64 ? reader.ReadUInt64() : reader.ReadInt64();

    /// <summary>Reads a float32 or float64 as the double it denotes.</summary>
    public static double ReadFloat(ref MessagePackReader reader) =>
        reader.NextCode == MessagePackCode.Float32 ? reader.ReadSingle() : reader.ReadDouble();

    /// <summary>Reads a str value's bytes and refuses any that are not well-formed UTF-8.</summary>
    public static ReadOnlySpan<byte> ReadUtf8(ref MessagePackReader reader)
    {
        int start = Offset(ref reader);
        ReadOnlySpan<byte> utf8 = reader.TryReadStringSpan(out ReadOnlySpan<byte> span)
            ? span
            : reader.ReadStringSequence() is { } sequence ? sequence.ToArray() : throw Expected("a string", start);
        if (!Utf8.IsValid(utf8))
        {
            throw new MessagePackFormatException("String is not valid UTF-8", start);
        }

        return utf8;
    }

    /// <summary>Reads a str value as text (validated as <see cref="ReadUtf8"/> does).</summary>
    public static string ReadString(ref MessagePackReader reader) => System.Text.Encoding.UTF8.GetString(ReadUtf8(ref reader));

    /// <summary>Reads a bin value.</summary>
    public static ReadOnlySpan<byte> ReadBinary(ref MessagePackReader reader)
    {
        int start = Offset(ref reader);
        return Contiguous(reader.ReadBytes() ?? throw Expected("binary", start));
    }

    /// <summary>Refuses a container that would nest deeper than <paramref name="maxDepth"/>.</summary>
    public static void CheckDepth(ref MessagePackReader reader, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Nesting exceeds the maximum depth of {maxDepth}"), Offset(ref reader));
        }
    }

    /// <summary>The reader's position as a byte offset into the input.</summary>
    public static int Offset(ref MessagePackReader reader) => (int)reader.Consumed;

    /// <summary>The bytes as one span; the input is one block of memory, so this copies only in theory.</summary>
    private static ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> bytes) => bytes.IsSingleSegment ? bytes.FirstSpan : bytes.ToArray();

    private static MessagePackFormatException Expected(string what, int offset) => new("Expected " + what, offset);
}
