using System.Globalization;
using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

/// <summary>A model MessagePack value tree for property tests (maps hold keys and values alternately in Items).</summary>
internal sealed class TestValue
{
    public TestValueKind Kind { get; init; }

    public bool Boolean { get; init; }

    public Int128 Integer { get; init; }

    public double Double { get; init; }

    public string Text { get; init; } = string.Empty;

    public byte[] Bytes { get; init; } = [];

    public long Seconds { get; init; }

    public uint Nanoseconds { get; init; }

    public sbyte ExtensionType { get; init; }

    public TestValue[] Items { get; init; } = [];

    public static TestValue Read(ref TestReader reader, byte[] source)
    {
        switch (reader.PeekType())
        {
            case TestKind.Nil:
                Assert.True(reader.TryReadNil());
                return new TestValue { Kind = TestValueKind.Nil };
            case TestKind.Boolean:
                return new TestValue { Kind = TestValueKind.Boolean, Boolean = reader.ReadBoolean() };
            case TestKind.Integer:
                Int128 integer = source[reader.Consumed] == 0xcf ? reader.ReadUInt64() : reader.ReadInt64();
                return new TestValue { Kind = TestValueKind.Integer, Integer = integer };
            case TestKind.Float:
                return new TestValue { Kind = TestValueKind.Double, Double = reader.ReadDouble() };
            case TestKind.String:
                return new TestValue { Kind = TestValueKind.String, Text = reader.ReadString() };
            case TestKind.Binary:
                return new TestValue { Kind = TestValueKind.Binary, Bytes = reader.ReadBinary().ToArray() };
            case TestKind.Timestamp:
                (long seconds, uint nanoseconds) = reader.ReadTimestamp();
                return new TestValue { Kind = TestValueKind.Timestamp, Seconds = seconds, Nanoseconds = nanoseconds };
            case TestKind.Extension:
                var extension = reader.ReadExtension();
                return new TestValue { Kind = TestValueKind.Extension, ExtensionType = extension.Type, Bytes = extension.Data.ToArray() };
            case TestKind.Array:
                var items = new TestValue[reader.ReadArrayHeader()];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = Read(ref reader, source);
                }

                return new TestValue { Kind = TestValueKind.Array, Items = items };
            default:
                var entries = new TestValue[2 * reader.ReadMapHeader()];
                for (int i = 0; i < entries.Length; i++)
                {
                    entries[i] = Read(ref reader, source);
                }

                return new TestValue { Kind = TestValueKind.Map, Items = entries };
        }
    }

    public void Write(ref TestWriter writer)
    {
        switch (Kind)
        {
            case TestValueKind.Nil:
                writer.WriteNil();
                break;
            case TestValueKind.Boolean:
                writer.WriteBoolean(Boolean);
                break;
            case TestValueKind.Integer when Integer < 0:
                writer.WriteInt64((long)Integer);
                break;
            case TestValueKind.Integer:
                writer.WriteUInt64((ulong)Integer);
                break;
            case TestValueKind.Double:
                writer.WriteDouble(Double);
                break;
            case TestValueKind.String:
                writer.WriteString(Text);
                break;
            case TestValueKind.Binary:
                writer.WriteBinary(Bytes);
                break;
            case TestValueKind.Timestamp:
                writer.WriteTimestamp(Seconds, Nanoseconds);
                break;
            case TestValueKind.Extension:
                writer.WriteExtension(ExtensionType, Bytes);
                break;
            case TestValueKind.Array:
                writer.WriteArrayHeader(Items.Length);
                WriteItems(ref writer);
                break;
            default:
                writer.WriteMapHeader(Items.Length / 2);
                WriteItems(ref writer);
                break;
        }
    }

    public bool SameAs(TestValue other) =>
        Kind == other.Kind && Kind switch
        {
            TestValueKind.Nil => true,
            TestValueKind.Boolean => Boolean == other.Boolean,
            TestValueKind.Integer => Integer == other.Integer,
            TestValueKind.Double => double.IsNaN(Double)
                ? double.IsNaN(other.Double)
                : BitConverter.DoubleToInt64Bits(Double) == BitConverter.DoubleToInt64Bits(other.Double),
            TestValueKind.String => string.Equals(Text, other.Text, StringComparison.Ordinal),
            TestValueKind.Binary => Bytes.AsSpan().SequenceEqual(other.Bytes),
            TestValueKind.Timestamp => Seconds == other.Seconds && Nanoseconds == other.Nanoseconds,
            TestValueKind.Extension => ExtensionType == other.ExtensionType && Bytes.AsSpan().SequenceEqual(other.Bytes),
            _ => Items.Length == other.Items.Length && Items.Zip(other.Items).All(pair => pair.First.SameAs(pair.Second)),
        };

    public override string ToString() => Kind switch
    {
        TestValueKind.Nil => "nil",
        TestValueKind.Boolean => Boolean ? "true" : "false",
        TestValueKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        TestValueKind.Double => Double.ToString("R", CultureInfo.InvariantCulture) + "d",
        TestValueKind.String => "\"" + (Text.Length > 40 ? Text[..40] + "…(" + Text.Length + ")" : Text) + "\"",
        TestValueKind.Binary => "bin[" + Bytes.Length + "]",
        TestValueKind.Timestamp => "ts(" + Seconds + "," + Nanoseconds + ")",
        TestValueKind.Extension => "ext(" + ExtensionType + ",[" + Bytes.Length + "])",
        TestValueKind.Array => "[" + string.Join(",", Items.Select(item => item.ToString())) + "]",
        _ => "{" + string.Join(",", Items.Chunk(2).Select(pair => pair[0] + ":" + pair[1])) + "}",
    };

    private void WriteItems(ref TestWriter writer)
    {
        foreach (TestValue item in Items)
        {
            item.Write(ref writer);
        }
    }
}
