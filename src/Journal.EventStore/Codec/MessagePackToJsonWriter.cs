using System.Text.Json;
using MessagePack;

namespace Journal.EventStore.Codec;

/// <summary>Streams MessagePack values to a <see cref="Utf8JsonWriter"/> without building a JSON tree.</summary>
internal static class MessagePackToJsonWriter
{
    /// <summary>Converts the next value; <paramref name="depth"/> is the number of containers enclosing it.</summary>
    public static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter writer, int depth, int maxDepth)
    {
        switch (MessagePackValues.PeekType(ref reader))
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    writer.WriteNumberValue(reader.ReadUInt64());
                }
                else
                {
                    writer.WriteNumberValue(reader.ReadInt64());
                }

                break;
            case MessagePackType.Float:
                double number = MessagePackValues.ReadFloat(ref reader);
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
                writer.WriteStringValue(MessagePackValues.ReadUtf8(ref reader));
                break;
            case MessagePackType.Binary:
                writer.WriteBase64StringValue(MessagePackValues.ReadBinary(ref reader));
                break;
            case MessagePackType.Extension when MessagePackJsonText.TryReadTimestampText(ref reader, out string text):
                writer.WriteStringValue(text);
                break;
            case MessagePackType.Extension:
                ReadOnlySpan<byte> data = MessagePackValues.ReadExtension(ref reader, out sbyte type);
                writer.WriteStartObject();
                writer.WriteNumber(MessagePackJsonText.ExtensionTypeProperty, type);
                writer.WriteBase64String(MessagePackJsonText.ExtensionDataProperty, data);
                writer.WriteEndObject();
                break;
            case MessagePackType.Array:
                MessagePackValues.CheckDepth(ref reader, depth + 1, maxDepth);
                int length = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (int i = 0; i < length; i++)
                {
                    WriteValue(ref reader, writer, depth + 1, maxDepth);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteMap(ref reader, writer, depth + 1, maxDepth);
                break;
        }
    }

    private static void WriteMap(ref MessagePackReader reader, Utf8JsonWriter writer, int depth, int maxDepth)
    {
        MessagePackValues.CheckDepth(ref reader, depth, maxDepth);
        int count = reader.ReadMapHeader();
        HashSet<string>? seen = count > 1 ? new HashSet<string>(count, StringComparer.Ordinal) : null;
        writer.WriteStartObject();
        for (int i = 0; i < count; i++)
        {
            int keyOffset = MessagePackValues.Offset(ref reader);
            if (MessagePackValues.PeekType(ref reader) == MessagePackType.String)
            {
                ReadOnlySpan<byte> utf8 = MessagePackValues.ReadUtf8(ref reader);
                if (seen is not null && !seen.Add(System.Text.Encoding.UTF8.GetString(utf8)))
                {
                    throw new MessagePackFormatException("Duplicate map key", keyOffset);
                }

                writer.WritePropertyName(utf8);
            }
            else
            {
                string key = MessagePackJsonText.ReadKey(ref reader, depth, maxDepth);
                if (seen is not null && !seen.Add(key))
                {
                    throw new MessagePackFormatException("Duplicate map key", keyOffset);
                }

                writer.WritePropertyName(key);
            }

            WriteValue(ref reader, writer, depth, maxDepth);
        }

        writer.WriteEndObject();
    }
}
