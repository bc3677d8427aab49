using System.Text.Json.Nodes;

namespace Journal.EventStore.Codec;

/// <summary>Builds a <see cref="JsonNode"/> tree from MessagePack values.</summary>
internal static class MessagePackToJsonNode
{
    /// <summary>Converts the next value; <paramref name="depth"/> is the number of containers enclosing it.</summary>
    public static JsonNode? ReadValue(ref MessagePackReader reader, int depth)
    {
        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.TryReadNil();
                return null;
            case MessagePackType.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case MessagePackType.Integer:
                Int128 integer = reader.ReadInteger();
                return integer <= long.MaxValue ? JsonValue.Create((long)integer) : JsonValue.Create((ulong)integer);
            case MessagePackType.Float:
                double number = reader.ReadDouble();
                return double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(MessagePackJsonText.NonFiniteName(number));
            case MessagePackType.String:
                return JsonValue.Create(reader.ReadString());
            case MessagePackType.Binary:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadBinary()));
            case MessagePackType.Timestamp when MessagePackJsonText.TryReadTimestampText(ref reader, out string text):
                return JsonValue.Create(text);
            case MessagePackType.Timestamp:
            case MessagePackType.Extension:
                MessagePackExtension extension = reader.ReadExtension();
                return new JsonObject
                {
                    [MessagePackJsonText.ExtensionTypeProperty] = JsonValue.Create((int)extension.Type),
                    [MessagePackJsonText.ExtensionDataProperty] = JsonValue.Create(Convert.ToBase64String(extension.Data)),
                };
            case MessagePackType.Array:
                reader.CheckDepth(depth + 1);
                int length = reader.ReadArrayHeader();
                var array = new JsonArray();
                for (int i = 0; i < length; i++)
                {
                    array.Add(ReadValue(ref reader, depth + 1));
                }

                return array;
            default:
                return ReadMap(ref reader, depth + 1);
        }
    }

    private static JsonObject ReadMap(ref MessagePackReader reader, int depth)
    {
        reader.CheckDepth(depth);
        int count = reader.ReadMapHeader();
        var map = new JsonObject();
        for (int i = 0; i < count; i++)
        {
            int keyOffset = reader.Consumed;
            string key = MessagePackJsonText.ReadKey(ref reader, depth);
            if (map.ContainsKey(key))
            {
                throw new MessagePackFormatException("Duplicate map key", keyOffset);
            }

            map.Add(key, ReadValue(ref reader, depth));
        }

        return map;
    }
}
