using System.Buffers;
using System.Buffers.Binary;
using Journal.EventStore.Codec;
using MessagePack;

namespace Journal.EventStore.Tests.Codec;

/// <summary>
/// The tests' vocabulary for writing MessagePack, mapped onto MessagePack-CSharp's writer with our canonical rules:
/// integers in their shortest form (non-negative ones unsigned), doubles through <see cref="CanonicalFloat"/>,
/// timestamps in the smallest of their three forms. Production code calls the library the same way.
/// </summary>
internal ref struct TestWriter
{
    private MessagePackWriter _writer;

    public TestWriter(IBufferWriter<byte> output) => _writer = new MessagePackWriter(output);

    public void Flush() => _writer.Flush();

    public void WriteNil() => _writer.WriteNil();

    public void WriteBoolean(bool value) => _writer.Write(value);

    public void WriteInt64(long value) => _writer.Write(value);

    public void WriteUInt64(ulong value) => _writer.Write(value);

    public void WriteSingle(float value) => _writer.Write(value);

    public void WriteDouble(double value) => CanonicalFloat.Write(ref _writer, value);

    // The library's span overload fails on an empty span (it pins a null pointer); its string overload does not.
    public void WriteString(ReadOnlySpan<char> value) => _writer.Write(value.ToString());

    public void WriteStringUtf8(ReadOnlySpan<byte> utf8) => _writer.WriteString(utf8);

    public void WriteBinary(ReadOnlySpan<byte> value) => _writer.Write(value);

    public void WriteArrayHeader(int count) => _writer.WriteArrayHeader(count);

    public void WriteMapHeader(int count) => _writer.WriteMapHeader(count);

    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        _writer.WriteExtensionFormatHeader(new ExtensionHeader(type, data.Length));
        _writer.WriteRaw(data);
    }

    /// <summary>A timestamp (extension -1) in the smallest of its 32-, 64- and 96-bit forms.</summary>
    public void WriteTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanoseconds, MessagePackValues.MaxNanoseconds);
        Span<byte> data = new byte[12];
        if ((seconds >> 34) == 0 && nanoseconds == 0 && seconds <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data, (uint)seconds);
            WriteExtension(-1, data[..4]);
        }
        else if ((seconds >> 34) == 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(data, ((ulong)nanoseconds << 34) | (ulong)seconds);
            WriteExtension(-1, data[..8]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(data, nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(data[4..], seconds);
            WriteExtension(-1, data);
        }
    }

    /// <summary>An instant as a timestamp (UTC, 100 ns precision).</summary>
    public void WriteTimestamp(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        WriteTimestamp(seconds, (uint)(remainder * 100));
    }
}
