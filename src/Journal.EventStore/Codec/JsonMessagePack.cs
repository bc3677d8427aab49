using System.Buffers;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using MessagePack;

namespace Journal.EventStore.Codec;

/// <summary>
/// Pure conversions between JSON (as <see cref="JsonNode"/> trees or a <see cref="Utf8JsonWriter"/>) and canonical
/// MessagePack, written and read with MessagePack-CSharp's <see cref="MessagePackWriter"/> and
/// <see cref="MessagePackReader"/>; the mapping and the canonical rules are ours.
/// </summary>
/// <remarks>
/// <para>Encoding: null → nil, booleans → bool, strings → str, arrays → array, objects → map with str keys in the
/// object's order. An integer literal that fits in <see cref="long"/> or <see cref="ulong"/> becomes the shortest
/// integer; any other number is taken as the <see cref="double"/> it denotes (the same value a CLR-wrapped double
/// would hold), which becomes an integer when it is integral and at most 2^53 in magnitude (so <c>1.0</c> and
/// <c>1e2</c> are integers, while <c>1e20</c> stays a float and decodes back to an equal JSON number), and otherwise a
/// float (float32 when exact, else float64). A CLR-wrapped double encodes as its JSON text would, so a whole double
/// beyond 2^53 that System.Text.Json writes as an integer literal (<c>67413903052274400</c>) becomes that integer.
/// Negative zero stays a float. Trees nested deeper than <see cref="DefaultMaxDepth"/> are rejected with
/// <see cref="ArgumentException"/>.</para>
/// <para>Decoding: bin → base64 string; timestamp → ISO-8601 UTC string in the round-trip ("O") format, truncated to
/// 100 ns (timestamps outside the <see cref="DateTimeOffset"/> range are rendered like other extensions); other
/// extensions → <c>{"$ext": type, "data": base64}</c>; NaN and the infinities → the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c>; non-string map keys → their string form (compound keys as compact JSON);
/// duplicate keys, invalid UTF-8, the reserved byte 0xc1, trailing bytes and any malformed input →
/// <see cref="MessagePackFormatException"/>.</para>
/// </remarks>
public static class JsonMessagePack
{
    /// <summary>The deepest nesting of arrays and maps accepted by default, when encoding and when decoding.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Writes a JSON tree as MessagePack.</summary>
    /// <param name="node">The tree; null is written as nil.</param>
    /// <param name="output">The destination.</param>
    public static void Write(JsonNode? node, IBufferWriter<byte> output)
    {
        var writer = new MessagePackWriter(output);
        JsonToMessagePack.WriteNode(ref writer, node, 0);
        writer.Flush();
    }

    /// <summary>Encodes a JSON tree as MessagePack.</summary>
    /// <param name="node">The tree; null is written as nil.</param>
    /// <returns>The MessagePack bytes.</returns>
    public static byte[] Encode(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one MessagePack value into a JSON tree.</summary>
    /// <param name="msgpack">The MessagePack bytes.</param>
    /// <returns>The tree (null for nil).</returns>
    public static JsonNode? Decode(ReadOnlyMemory<byte> msgpack) => Decode(msgpack, DefaultMaxDepth);

    /// <summary>Decodes exactly one MessagePack value into a JSON tree.</summary>
    /// <param name="msgpack">The MessagePack bytes.</param>
    /// <param name="maxDepth">The deepest nesting of arrays and maps accepted.</param>
    /// <returns>The tree (null for nil).</returns>
    public static JsonNode? Decode(ReadOnlyMemory<byte> msgpack, int maxDepth)
    {
        var reader = new MessagePackReader(msgpack);
        try
        {
            JsonNode? node = MessagePackToJsonNode.ReadValue(ref reader, 0, maxDepth);
            EnsureEnd(ref reader);
            return node;
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw Malformed(e, ref reader);
        }
    }

    /// <summary>
    /// Streams exactly one MessagePack value to a JSON writer, with the same conversion as <see cref="Decode(ReadOnlyMemory{byte})"/>.
    /// On malformed input the writer may already hold partial output when the exception is thrown.
    /// </summary>
    /// <param name="msgpack">The MessagePack bytes.</param>
    /// <param name="writer">The destination.</param>
    public static void WriteJson(ReadOnlyMemory<byte> msgpack, Utf8JsonWriter writer) =>
        WriteJson(msgpack, writer, DefaultMaxDepth);

    /// <summary>Streams exactly one MessagePack value to a JSON writer.</summary>
    /// <param name="msgpack">The MessagePack bytes.</param>
    /// <param name="writer">The destination.</param>
    /// <param name="maxDepth">The deepest nesting of arrays and maps accepted.</param>
    public static void WriteJson(ReadOnlyMemory<byte> msgpack, Utf8JsonWriter writer, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var reader = new MessagePackReader(msgpack);
        try
        {
            MessagePackToJsonWriter.WriteValue(ref reader, writer, 0, maxDepth);
            EnsureEnd(ref reader);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw Malformed(e, ref reader);
        }
    }

    private static void EnsureEnd(ref MessagePackReader reader)
    {
        if (!reader.End)
        {
            throw new MessagePackFormatException("Trailing bytes after the top-level value", MessagePackValues.Offset(ref reader));
        }
    }

    /// <summary>
    /// What the library throws on truncated, mistyped or oversized input (a declared length beyond
    /// <see cref="int.MaxValue"/> surfaces as an out-of-range argument when it slices the input).
    /// </summary>
    private static bool IsMalformed(Exception e) =>
        e is EndOfStreamException or MessagePackSerializationException or OverflowException or ArgumentOutOfRangeException;

    private static MessagePackFormatException Malformed(Exception e, ref MessagePackReader reader) =>
        new(e is EndOfStreamException ? "Unexpected end of data" : e.Message, MessagePackValues.Offset(ref reader), e);
}
