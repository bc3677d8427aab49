using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Journal.EventStore.Codec;

/// <summary>Text forms shared by the MessagePack-to-JSON conversions (tree and streaming), so both agree exactly.</summary>
internal static class MessagePackJsonText
{
    /// <summary>The property holding the type code of an extension rendered as a JSON object.</summary>
    public const string ExtensionTypeProperty = "$ext";

    /// <summary>The property holding the base64 payload of an extension rendered as a JSON object.</summary>
    public const string ExtensionDataProperty = "data";

    /// <summary>The JSON string used for a non-finite float, which JSON numbers cannot express.</summary>
    public static string NonFiniteName(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    /// <summary>
    /// Reads a timestamp and formats it as ISO-8601 UTC; when it lies outside the range of
    /// <see cref="DateTimeOffset"/>, consumes nothing and returns false (the caller renders it as an extension).
    /// </summary>
    public static bool TryReadTimestampText(ref MessagePackReader reader, out string text)
    {
        MessagePackReader probe = reader;
        (long seconds, uint nanoseconds) = probe.ReadTimestamp();
        if (MessagePackTimestamp.TryToDateTimeOffset(seconds, nanoseconds, out DateTimeOffset value))
        {
            reader = probe;
            text = MessagePackTimestamp.ToIsoString(value);
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>Reads a map key of any type and returns its string form (compound keys become compact JSON text).</summary>
    /// <param name="reader">The reader positioned on the key.</param>
    /// <param name="depth">The nesting depth of the key itself.</param>
    public static string ReadKey(ref MessagePackReader reader, int depth)
    {
        switch (reader.PeekType())
        {
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Nil:
                reader.TryReadNil();
                return "null";
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? "true" : "false";
            case MessagePackType.Integer:
                return reader.ReadInteger().ToString(CultureInfo.InvariantCulture);
            case MessagePackType.Float:
                double number = reader.ReadDouble();
                return double.IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) : NonFiniteName(number);
            case MessagePackType.Binary:
                return Convert.ToBase64String(reader.ReadBinary());
            case MessagePackType.Timestamp when TryReadTimestampText(ref reader, out string text):
                return text;
            default:
                var buffer = new ArrayBufferWriter<byte>();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    MessagePackToJsonWriter.WriteValue(ref reader, json, depth);
                }

                return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
