using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MessagePack;

namespace Journal.EventStore.Codec;

/// <summary>Encodes <see cref="JsonNode"/> trees (parsed or wrapping CLR values) as canonical MessagePack.</summary>
internal static class JsonToMessagePack
{
    private const double MaxSafeInteger = 9007199254740992.0;

    /// <summary>Room for any integer literal that fits <see cref="long"/> or <see cref="ulong"/>, and more.</summary>
    private const int MaxDoubleTextLength = 32;

    /// <summary>Writes a node; <paramref name="depth"/> is the number of containers enclosing it.</summary>
    public static void WriteNode(ref MessagePackWriter writer, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                writer.WriteNil();
                break;
            case JsonObject map:
                CheckDepth(depth + 1);
                writer.WriteMapHeader(map.Count);
                foreach (KeyValuePair<string, JsonNode?> property in map)
                {
                    writer.Write(property.Key);
                    WriteNode(ref writer, property.Value, depth + 1);
                }

                break;
            case JsonArray array:
                CheckDepth(depth + 1);
                writer.WriteArrayHeader(array.Count);
                foreach (JsonNode? item in array)
                {
                    WriteNode(ref writer, item, depth + 1);
                }

                break;
            default:
                WriteValue(ref writer, node.AsValue(), depth);
                break;
        }
    }

    private static void WriteValue(ref MessagePackWriter writer, JsonValue value, int depth)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            WriteElement(ref writer, element, depth);
            return;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Null:
                writer.WriteNil();
                return;
            case JsonValueKind.True:
                writer.Write(true);
                return;
            case JsonValueKind.False:
                writer.Write(false);
                return;
            case JsonValueKind.String when value.TryGetValue(out string? text):
                writer.Write(text);
                return;
            case JsonValueKind.Number when TryWriteClrNumber(ref writer, value):
                return;
            default:
                // Other CLR payloads (Guid, DateTime, enums, POCOs, ...): use their JSON form.
                using (JsonDocument document = JsonDocument.Parse(value.ToJsonString()))
                {
                    WriteElement(ref writer, document.RootElement, depth);
                }

                return;
        }
    }

    private static bool TryWriteClrNumber(ref MessagePackWriter writer, JsonValue value)
    {
        if (value.TryGetValue(out long int64))
        {
            writer.Write(int64);
        }
        else if (value.TryGetValue(out int int32))
        {
            writer.Write((long)int32);
        }
        else if (value.TryGetValue(out double float64))
        {
            WriteClrDouble(ref writer, float64);
        }
        else if (value.TryGetValue(out ulong uint64))
        {
            writer.Write(uint64);
        }
        else if (value.TryGetValue(out uint uint32))
        {
            writer.Write((ulong)uint32);
        }
        else if (value.TryGetValue(out short int16))
        {
            writer.Write((long)int16);
        }
        else if (value.TryGetValue(out ushort uint16))
        {
            writer.Write((ulong)uint16);
        }
        else if (value.TryGetValue(out sbyte int8))
        {
            writer.Write((long)int8);
        }
        else if (value.TryGetValue(out byte uint8))
        {
            writer.Write((ulong)uint8);
        }
        else if (value.TryGetValue(out float float32))
        {
            WriteFloating(ref writer, float32);
        }
        else if (value.TryGetValue(out decimal money))
        {
            WriteDecimal(ref writer, money, decimal.IsNegative(money));
        }
        else
        {
            return false;
        }

        return true;
    }

    private static void WriteElement(ref MessagePackWriter writer, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                CheckDepth(depth + 1);
                writer.WriteMapHeader(element.GetPropertyCount());
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    WriteElement(ref writer, property.Value, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                CheckDepth(depth + 1);
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteElement(ref writer, item, depth + 1);
                }

                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number:
                WriteElementNumber(ref writer, element);
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static void WriteElementNumber(ref MessagePackWriter writer, JsonElement element) =>
        WriteNumberText(ref writer, JsonMarshal.GetRawUtf8Value(element));

    /// <summary>Writes a JSON number literal (UTF-8, already validated by the JSON reader or formatter).</summary>
    internal static void WriteNumberText(ref MessagePackWriter writer, scoped ReadOnlySpan<byte> text)
    {
        bool negative = text.Length > 0 && text[0] == (byte)'-';
        if (Utf8Parser.TryParse(text, out long int64, out int used) && used == text.Length)
        {
            if (int64 == 0 && negative)
            {
                CanonicalFloat.Write(ref writer, -0.0);
            }
            else
            {
                writer.Write(int64);
            }

            return;
        }

        if (Utf8Parser.TryParse(text, out ulong uint64, out used) && used == text.Length)
        {
            writer.Write(uint64);
            return;
        }

        // A fraction, an exponent or a huge literal: treat it as the double a CLR value would hold, so that
        // parsed and CLR-wrapped nodes of the same number encode identically.
        WriteFloating(ref writer, double.Parse(text, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Writes a CLR double exactly as its JSON text would be written once parsed. Beyond 2^53 every double is whole,
    /// and System.Text.Json writes many of them as plain integer literals (67413903052274400, not 6.74139030522744E+16),
    /// which the literal rule turns into integers; below it the text and the value always encode alike.
    /// </summary>
    private static void WriteClrDouble(ref MessagePackWriter writer, double value)
    {
        Span<byte> text = stackalloc byte[MaxDoubleTextLength];
        if (double.IsFinite(value) && Math.Abs(value) > MaxSafeInteger && Utf8Formatter.TryFormat(value, text, out int length))
        {
            // Utf8Formatter is what Utf8JsonWriter formats doubles with, so this is the node's JSON text. A text too long
            // for the buffer cannot be a literal that fits ulong, so it denotes the double itself (the else branch).
            WriteNumberText(ref writer, text[..length]);
        }
        else
        {
            WriteFloating(ref writer, value);
        }
    }

    private static void WriteDecimal(ref MessagePackWriter writer, decimal value, bool negative)
    {
        if (value == decimal.Truncate(value))
        {
            if (value == 0 && negative)
            {
                CanonicalFloat.Write(ref writer, -0.0);
                return;
            }

            if (value >= long.MinValue && value <= long.MaxValue)
            {
                writer.Write((long)value);
                return;
            }

            if (value > 0 && value <= ulong.MaxValue)
            {
                writer.Write((ulong)value);
                return;
            }
        }

        // Parsing the decimal's text rounds correctly, unlike a direct conversion.
        WriteFloating(ref writer, double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Writes a double as an integer when it is integral and at most 2^53 in magnitude (where its shortest decimal
    /// text is exactly that integer, so JSON round-trips stay equal), otherwise as the shortest float.
    /// </summary>
    private static void WriteFloating(ref MessagePackWriter writer, double value)
    {
        bool integral = value == Math.Truncate(value) && !(value == 0 && double.IsNegative(value));
        if (integral && Math.Abs(value) <= MaxSafeInteger)
        {
            writer.Write((long)value);
        }
        else
        {
            CanonicalFloat.Write(ref writer, value);
        }
    }

    internal static void CheckDepth(int depth)
    {
        if (depth > JsonMessagePack.DefaultMaxDepth)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The JSON tree nests deeper than {JsonMessagePack.DefaultMaxDepth} levels."));
        }
    }
}
