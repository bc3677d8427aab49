using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MessagePack;

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
    /// When the next value is a timestamp inside the range of <see cref="DateTimeOffset"/>, reads it and formats it as
    /// ISO-8601 UTC; otherwise consumes nothing and returns false (the caller renders it as an extension).
    /// </summary>
    public static bool TryReadTimestampText(ref MessagePackReader reader, out string text)
    {
        text = string.Empty;
        if (!MessagePackValues.IsTimestamp(ref reader))
        {
            return false;
        }

        MessagePackReader probe = reader.CreatePeekReader();
        (long seconds, uint nanoseconds) = MessagePackValues.ReadTimestamp(ref probe);
        if (!MessagePackTimestamp.TryToDateTimeOffset(seconds, nanoseconds, out DateTimeOffset value))
        {
            return false;
        }

        MessagePackValues.ReadTimestamp(ref reader);
        text = MessagePackTimestamp.ToIsoString(value);
        return true;
    }

    /// <summary>Reads a map key of any type and returns its string form (compound keys become compact JSON text).</summary>
    /// <param name="reader">The reader positioned on the key.</param>
    /// <param name="depth">The nesting depth of the key itself.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    public static string ReadKey(ref MessagePackReader reader, int depth, int maxDepth)
    {
        switch (MessagePackValues.PeekType(ref reader))
        {
            case MessagePackType.String:
                return MessagePackValues.ReadString(ref reader);
            case MessagePackType.Nil:
                reader.ReadNil();
                return "null";
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? "true" : "false";
            case MessagePackType.Integer:
                return MessagePackValues.ReadInteger(ref reader).ToString(CultureInfo.InvariantCulture);
            case MessagePackType.Float:
                double number = MessagePackValues.ReadFloat(ref reader);
                return double.IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) : NonFiniteName(number);
            case MessagePackType.Binary:
                return Convert.ToBase64String(MessagePackValues.ReadBinary(ref reader));
            case MessagePackType.Extension when TryReadTimestampText(ref reader, out string text):
                return text;
            default:
                var buffer = new ArrayBufferWriter<byte>();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    MessagePackToJsonWriter.WriteValue(ref reader, json, depth, maxDepth);
                }

                return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
