using System.IO;
using Journal.EventStore.Codec;
using MessagePack;

namespace Journal.EventStore.Tests.Codec;

/// <summary>The kinds the tests tell apart: MessagePack-CSharp's types, with the timestamp extension on its own.</summary>
public enum TestKind
{
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
    Timestamp,
}

/// <summary>
/// The tests' vocabulary for reading MessagePack: MessagePack-CSharp's reader with our strict rules
/// (<see cref="MessagePackValues"/>), the library's exceptions turned into <see cref="MessagePackFormatException"/>.
/// </summary>
internal ref struct TestReader
{
    private MessagePackReader _reader;

    public TestReader(byte[] buffer) => _reader = new MessagePackReader(buffer);

    public readonly bool End => _reader.End;

    public readonly int Consumed => (int)_reader.Consumed;

    public TestKind PeekType() => Guard(ref this, static (ref MessagePackReader r) => MessagePackValues.PeekType(ref r) switch
    {
        MessagePackType.Nil => TestKind.Nil,
        MessagePackType.Boolean => TestKind.Boolean,
        MessagePackType.Integer => TestKind.Integer,
        MessagePackType.Float => TestKind.Float,
        MessagePackType.String => TestKind.String,
        MessagePackType.Binary => TestKind.Binary,
        MessagePackType.Array => TestKind.Array,
        MessagePackType.Map => TestKind.Map,
        _ => MessagePackValues.IsTimestamp(ref r) ? TestKind.Timestamp : TestKind.Extension,
    });

    public bool TryReadNil() => Guard(ref this, static (ref MessagePackReader r) => r.TryReadNil());

    public bool ReadBoolean() => Guard(ref this, static (ref MessagePackReader r) => r.ReadBoolean());

    public long ReadInt64() => Guard(ref this, static (ref MessagePackReader r) => r.ReadInt64());

    public ulong ReadUInt64() => Guard(ref this, static (ref MessagePackReader r) => r.ReadUInt64());

    public double ReadDouble() => Guard(ref this, static (ref MessagePackReader r) => MessagePackValues.ReadFloat(ref r));

    public string ReadString() => Guard(ref this, static (ref MessagePackReader r) => MessagePackValues.ReadString(ref r));

    public byte[] ReadBinary() => Guard(ref this, static (ref MessagePackReader r) => MessagePackValues.ReadBinary(ref r).ToArray());

    public int ReadArrayHeader() => Guard(ref this, static (ref MessagePackReader r) => r.ReadArrayHeader());

    public int ReadMapHeader() => Guard(ref this, static (ref MessagePackReader r) => r.ReadMapHeader());

    public (long Seconds, uint Nanoseconds) ReadTimestamp() => Guard(ref this, static (ref MessagePackReader r) =>
        MessagePackValues.IsTimestamp(ref r) ? MessagePackValues.ReadTimestamp(ref r) : throw new MessagePackFormatException("Expected a timestamp"));

    public DateTimeOffset ReadDateTimeOffset()
    {
        (long seconds, uint nanoseconds) = ReadTimestamp();
        return MessagePackTimestamp.TryToDateTimeOffset(seconds, nanoseconds, out DateTimeOffset value)
            ? value
            : throw new MessagePackFormatException("Timestamp outside the range of DateTimeOffset");
    }

    public void Skip() => Guard(ref this, static (ref MessagePackReader r) =>
    {
        r.Skip();
        return true;
    });

    public (sbyte Type, byte[] Data) ReadExtension() => Guard(ref this, static (ref MessagePackReader r) =>
    {
        byte[] data = MessagePackValues.ReadExtension(ref r, out sbyte type).ToArray();
        return (type, data);
    });

    private delegate T Read<T>(ref MessagePackReader reader);

    private static T Guard<T>(ref TestReader self, Read<T> read)
    {
        try
        {
            return read(ref self._reader);
        }
        catch (Exception e) when (e is EndOfStreamException or MessagePackSerializationException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new MessagePackFormatException(e.Message, self.Consumed, e);
        }
    }
}
