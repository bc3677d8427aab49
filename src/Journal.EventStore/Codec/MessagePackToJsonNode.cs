using System.Text.Json.Nodes;
using MessagePack;

namespace Journal.EventStore.Codec;

/// <summary>Builds a <see cref="JsonNode"/> tree from MessagePack values.</summary>
internal static class MessagePackToJsonNode
{
    /// <summary>Converts the next value; <paramref name="depth"/> is the number of containers enclosing it.</summary>
    public static JsonNode? ReadValue(ref MessagePackReader reader, int depth, int maxDepth)
    {
        switch (MessagePackValues.PeekType(ref reader))
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case MessagePackType.Integer:
                Int128 integer = MessagePackValues.ReadInteger(ref reader);
                return integer <= long.MaxValue ? JsonValue.Create((long)integer) : JsonValue.Create((ulong)integer);
            case MessagePackType.Float:
                double number = MessagePackValues.ReadFloat(ref reader);
                return double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(MessagePackJsonText.NonFiniteName(number));
            case MessagePackType.String:
                return JsonValue.Create(MessagePackValues.ReadString(ref reader));
            case MessagePackType.Binary:
                return JsonValue.Create(Convert.ToBase64String(MessagePackValues.ReadBinary(ref reader)));
            case MessagePackType.Extension when MessagePackJsonText.TryReadTimestampText(ref reader, out string text):
                return JsonValue.Create(text);
            case MessagePackType.Extension:
                ReadOnlySpan<byte> data = MessagePackValues.ReadExtension(ref reader, out sbyte type);
                return new JsonObject
                {
                    [MessagePackJsonText.ExtensionTypeProperty] = JsonValue.Create((int)type),
                    [MessagePackJsonText.ExtensionDataProperty] = JsonValue.Create(Convert.ToBase64String(data)),
                };
            case MessagePackType.Array:
                MessagePackValues.CheckDepth(ref reader, depth + 1, maxDepth);
                int length = reader.ReadArrayHeader();
                var array = new JsonArray();
                for (int i = 0; i < length; i++)
                {
                    array.Add(ReadValue(ref reader, depth + 1, maxDepth));
                }

                return array;
            default:
                return ReadMap(ref reader, depth + 1, maxDepth);
        }
    }

    private static JsonObject ReadMap(ref MessagePackReader reader, int depth, int maxDepth)
    {
        MessagePackValues.CheckDepth(ref reader, depth, maxDepth);
        int count = reader.ReadMapHeader();
        var map = new JsonObject();
        for (int i = 0; i < count; i++)
        {
            int keyOffset = MessagePackValues.Offset(ref reader);
            string key = MessagePackJsonText.ReadKey(ref reader, depth, maxDepth);
            if (map.ContainsKey(key))
            {
                throw new MessagePackFormatException("Duplicate map key", keyOffset);
            }

            map.Add(key, ReadValue(ref reader, depth, maxDepth));
        }

        return map;
    }
}
