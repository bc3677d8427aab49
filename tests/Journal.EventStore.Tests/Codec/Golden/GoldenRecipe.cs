using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec.Golden;

/// <summary>
/// Builds the inputs of the golden corpus: JSON trees holding CLR-wrapped values (<c>{"$clr": [type, text]}</c>
/// leaves) and MessagePack values JSON cannot express (<c>[tag, ...]</c> recipes: bin, timestamps, extensions,
/// float32, integer keys).
/// </summary>
internal static class GoldenRecipe
{
    public static JsonNode? ClrTree(JsonNode recipe) => recipe switch
    {
        JsonObject o when o.TryGetPropertyValue("$clr", out JsonNode? leaf) => ClrLeaf(leaf!.AsArray()),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, ClrTree(p.Value!)))),
        JsonArray a => new JsonArray(a.Select(item => ClrTree(item!)).ToArray()),
        _ => throw new InvalidDataException("not a CLR recipe: " + recipe.ToJsonString()),
    };

    public static byte[] Value(JsonNode recipe)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TestWriter(buffer);
        Write(ref writer, recipe.AsArray());
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static JsonNode? ClrLeaf(JsonArray leaf)
    {
        string text = (string)leaf[1]!;
        CultureInfo c = CultureInfo.InvariantCulture;
        return (string)leaf[0]! switch
        {
            "double" => JsonValue.Create(double.Parse(text, c)),
            "float" => JsonValue.Create(float.Parse(text, c)),
            "decimal" => JsonValue.Create(decimal.Parse(text, c)),
            "long" => JsonValue.Create(long.Parse(text, c)),
            "ulong" => JsonValue.Create(ulong.Parse(text, c)),
            "int" => JsonValue.Create(int.Parse(text, c)),
            "short" => JsonValue.Create(short.Parse(text, c)),
            "byte" => JsonValue.Create(byte.Parse(text, c)),
            "guid" => JsonValue.Create(Guid.Parse(text)),
            "datetimeoffset" => JsonValue.Create(DateTimeOffset.ParseExact(text, "O", c)),
            "string" => JsonValue.Create(text),
            "bool" => JsonValue.Create(bool.Parse(text)),
            string other => throw new InvalidDataException("unknown CLR type " + other),
        };
    }

    private static void Write(ref TestWriter writer, JsonArray recipe)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        switch ((string)recipe[0]!)
        {
            case "nil":
                writer.WriteNil();
                break;
            case "bool":
                writer.WriteBoolean((bool)recipe[1]!);
                break;
            case "int":
                writer.WriteInt64(long.Parse((string)recipe[1]!, c));
                break;
            case "uint":
                writer.WriteUInt64(ulong.Parse((string)recipe[1]!, c));
                break;
            case "double":
                writer.WriteDouble(BitConverter.Int64BitsToDouble(long.Parse((string)recipe[1]!, NumberStyles.HexNumber, c)));
                break;
            case "single":
                writer.WriteSingle(BitConverter.Int32BitsToSingle(int.Parse((string)recipe[1]!, NumberStyles.HexNumber, c)));
                break;
            case "str":
                writer.WriteString((string)recipe[1]!);
                break;
            case "bin":
                writer.WriteBinary(Convert.FromBase64String((string)recipe[1]!));
                break;
            case "ts":
                writer.WriteTimestamp(long.Parse((string)recipe[1]!, c), (uint)recipe[2]!);
                break;
            case "ext":
                writer.WriteExtension((sbyte)(int)recipe[1]!, Convert.FromBase64String((string)recipe[2]!));
                break;
            case "arr":
                JsonArray items = recipe[1]!.AsArray();
                writer.WriteArrayHeader(items.Count);
                foreach (JsonNode? item in items)
                {
                    Write(ref writer, item!.AsArray());
                }

                break;
            case "map":
                JsonArray entries = recipe[1]!.AsArray();
                writer.WriteMapHeader(entries.Count);
                foreach (JsonNode? entry in entries)
                {
                    Write(ref writer, entry![0]!.AsArray());
                    Write(ref writer, entry[1]!.AsArray());
                }

                break;
            default:
                throw new InvalidDataException("unknown recipe " + recipe.ToJsonString(new JsonSerializerOptions()));
        }
    }
}
