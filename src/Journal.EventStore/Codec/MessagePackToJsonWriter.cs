using System.Text.Json;

namespace Journal.EventStore.Codec;

/// <summary>Streams MessagePack values to a <see cref="Utf8JsonWriter"/> without building a JSON tree.</summary>
internal static class MessagePackToJsonWriter
{
    /// <summary>Converts the next value; <paramref name="depth"/> is the number of containers enclosing it.</summary>
    public static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter writer, int depth)
    {
        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.TryReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer:
                Int128 integer = reader.ReadInteger();
                if (integer < 0)
                {
                    writer.WriteNumberValue((long)integer);
                }
                else
                {
                    writer.WriteNumberValue((ulong)integer);
                }

                break;
            case MessagePackType.Float:
                double number = reader.ReadDouble();
                if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(MessagePackJsonText.NonFiniteName(number));
                }

                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadStringSpan());
                break;
            case MessagePackType.Binary:
                writer.WriteBase64StringValue(reader.ReadBinary());
                break;
            case MessagePackType.Timestamp when MessagePackJsonText.TryReadTimestampText(ref reader, out string text):
                writer.WriteStringValue(text);
                break;
            case MessagePackType.Timestamp:
            case MessagePackType.Extension:
                MessagePackExtension extension = reader.ReadExtension();
                writer.WriteStartObject();
                writer.WriteNumber(MessagePackJsonText.ExtensionTypeProperty, extension.Type);
                writer.WriteBase64String(MessagePackJsonText.ExtensionDataProperty, extension.Data);
                writer.WriteEndObject();
                break;
            case MessagePackType.Array:
                reader.CheckDepth(depth + 1);
                int length = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (int i = 0; i < length; i++)
                {
                    WriteValue(ref reader, writer, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteMap(ref reader, writer, depth + 1);
                break;
        }
    }

    private static void WriteMap(ref MessagePackReader reader, Utf8JsonWriter writer, int depth)
    {
        reader.CheckDepth(depth);
        int count = reader.ReadMapHeader();
        HashSet<string>? seen = count > 1 ? new HashSet<string>(count, StringComparer.Ordinal) : null;
        writer.WriteStartObject();
        for (int i = 0; i < count; i++)
        {
            int keyOffset = reader.Consumed;
            if (reader.PeekType() == MessagePackType.String)
            {
                ReadOnlySpan<byte> utf8 = reader.ReadStringSpan();
                if (seen is not null && !seen.Add(System.Text.Encoding.UTF8.GetString(utf8)))
                {
                    throw new MessagePackFormatException("Duplicate map key", keyOffset);
                }

                writer.WritePropertyName(utf8);
            }
            else
            {
                string key = MessagePackJsonText.ReadKey(ref reader, depth);
                if (seen is not null && !seen.Add(key))
                {
                    throw new MessagePackFormatException("Duplicate map key", keyOffset);
                }

                writer.WritePropertyName(key);
            }

            WriteValue(ref reader, writer, depth);
        }

        writer.WriteEndObject();
    }
}
