using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Journal.EventStore.Codec;
using Journal.EventStore.Redaction;
using MessagePack;

namespace Journal.EventStore.Serialization;

/// <summary>
/// The append path's encoder: record -> UTF-8 JSON in a reused per-thread buffer -> <see cref="JsonDocument"/>
/// (pooled) -> MessagePack, with the redaction rules applied during that one walk. No JSON tree is built, a string
/// is materialized only when the redactor's quick check says it could hold a secret, and nothing else is allocated
/// per event but the result and the document.
/// </summary>
/// <remarks>
/// It produces exactly the bytes and redacted paths of the tree path (<c>SerializeToNode</c> ->
/// <see cref="Redactor.Redact"/> -> <see cref="JsonMessagePack.Encode"/>): the serializer's tree is itself parsed
/// from the JSON text, so both walk the same document. Escaping does not matter (only unescaped values are used), so
/// the JSON is written with minimal escaping to keep values raw. Where the two could differ it declines and the
/// caller takes the tree path: an object with a repeated name (the tree path throws), and text that is not valid
/// UTF-8 (only a converter writing raw bytes could make it). Embedded JSON is handed to the redactor's tree walk.
/// </remarks>
internal static class StreamingPayloadEncoder
{
    /// <summary>Buffers above this size are let go after the call instead of kept for the thread.</summary>
    private const int MaxRetainedBytes = 64 * 1024;

    private const int StackKeyChars = 128;

    /// <summary>Objects with at most this many properties are checked for repeated names pairwise.</summary>
    private const int PairwiseNameCheck = 16;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Only for parsing back below, never displayed: escape as little as possible so strings stay raw UTF-8.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = PayloadSerializer.JsonOptions.MaxDepth,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Serializes, redacts (when <paramref name="redactor"/> is set) and encodes <paramref name="value"/>.</summary>
    /// <param name="value">The record.</param>
    /// <param name="type">The type to serialize it as.</param>
    /// <param name="redactor">The redactor, or null to encode without redaction (metadata).</param>
    /// <param name="encoded">The MessagePack bytes.</param>
    /// <param name="paths">The pointers of redacted values in document order, or null when none.</param>
    /// <returns>False when the caller must take the tree path instead.</returns>
    public static bool TryEncode(object value, Type type, Redactor? redactor, out byte[] encoded, out List<string>? paths) =>
        TryEncode(value, type, typeInfo: null, redactor, out encoded, out paths);

    /// <summary>Metadata: serialized with its contract resolved once, so it does not evict the payload type's.</summary>
    public static bool TryEncodeMetadata(object metadata, out byte[] encoded) =>
        TryEncode(metadata, metadata.GetType(), MetadataTypeInfo, redactor: null, out encoded, out _);

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo MetadataTypeInfo =
        PayloadSerializer.JsonOptions.GetTypeInfo(typeof(Journal.Domain.Tape.EventMetadata));

    private static bool TryEncode(object value, Type type, System.Text.Json.Serialization.Metadata.JsonTypeInfo? typeInfo, Redactor? redactor, out byte[] encoded, out List<string>? paths)
    {
        // Taken, not shared: a converter that itself encodes on this thread gets its own scratch.
        Scratch scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            scratch.Json.ResetWrittenCount();
            scratch.Writer.Reset(scratch.Json);
            if (typeInfo is not null && typeInfo.Type == type)
            {
                JsonSerializer.Serialize(scratch.Writer, value, typeInfo);
            }
            else
            {
                JsonSerializer.Serialize(scratch.Writer, value, type, PayloadSerializer.JsonOptions);
            }

            scratch.Writer.Flush();

            using JsonDocument document = JsonDocument.Parse(scratch.Json.WrittenMemory);
            scratch.Pack.ResetWrittenCount();
            var walker = new Walker(scratch, redactor);
            if (!walker.Write(document.RootElement, depth: 0))
            {
                encoded = [];
                paths = null;
                return false;
            }

            walker.Flush();
            encoded = scratch.Pack.WrittenSpan.ToArray();
            paths = walker.Paths;
            return true;
        }
        finally
        {
            scratch.Writer.Reset();
            if (scratch.Json.Capacity <= MaxRetainedBytes && scratch.Pack.Capacity <= MaxRetainedBytes && scratch.Chars.Length <= MaxRetainedBytes)
            {
                t_scratch = scratch;
            }
        }
    }

    /// <summary>Per-thread buffers, reused from one event to the next.</summary>
    private sealed class Scratch
    {
        public Scratch() => Writer = new Utf8JsonWriter(Json, WriterOptions);

        public ArrayBufferWriter<byte> Json { get; } = new(1024);

        public ArrayBufferWriter<byte> Pack { get; } = new(512);

        public Utf8JsonWriter Writer { get; }

        public char[] Chars { get; set; } = new char[512];

        /// <summary>The way from the root to the value being written: one entry per enclosing container.</summary>
        public Segment[] Path { get; } = new Segment[JsonMessagePack.DefaultMaxDepth + 1];
    }

    /// <summary>A step of a pointer: a property, or an array index when <see cref="Index"/> is not negative.</summary>
    private readonly record struct Segment(JsonProperty Property, int Index);

    private ref struct Walker
    {
        private readonly Scratch _scratch;
        private readonly Redactor? _redactor;
        private MessagePackWriter _writer;

        public Walker(Scratch scratch, Redactor? redactor)
        {
            _scratch = scratch;
            _redactor = redactor;
            _writer = new MessagePackWriter(scratch.Pack);
            Paths = null;
        }

        public List<string>? Paths;

        /// <summary>Commits what the library's writer buffered to the scratch buffer.</summary>
        public void Flush() => _writer.Flush();

        /// <summary>Writes a value; <paramref name="depth"/> is the number of containers enclosing it.</summary>
        public bool Write(JsonElement element, int depth)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    return WriteObject(element, depth);
                case JsonValueKind.Array:
                    return WriteArray(element, depth);
                case JsonValueKind.String:
                    return WriteString(element, depth);
                case JsonValueKind.Number:
                    JsonToMessagePack.WriteNumberText(ref _writer, JsonMarshal.GetRawUtf8Value(element));
                    return true;
                case JsonValueKind.True:
                    _writer.Write(true);
                    return true;
                case JsonValueKind.False:
                    _writer.Write(false);
                    return true;
                default:
                    _writer.WriteNil();
                    return true;
            }
        }

        private bool WriteObject(JsonElement element, int depth)
        {
            JsonToMessagePack.CheckDepth(depth + 1);
            int count = element.GetPropertyCount();
            if (count > 1 && HasRepeatedName(element, count))
            {
                return false;
            }

            _writer.WriteMapHeader(count);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                ReadOnlySpan<byte> rawName = JsonMarshal.GetRawUtf8PropertyName(property);
                string? name = null;
                if (rawName.Contains((byte)'\\'))
                {
                    name = property.Name;
                    _writer.Write(name);
                }
                else if (Utf8.IsValid(rawName))
                {
                    _writer.WriteString(rawName);
                }
                else
                {
                    return false;
                }

                JsonElement value = property.Value;
                _scratch.Path[depth] = new Segment(property, -1);
                if (_redactor is not null && value.ValueKind != JsonValueKind.Null && IsSensitive(_redactor, rawName, name))
                {
                    // The key rule: the whole value goes, unless it already is the replacement.
                    string replacement = _redactor.Replacement;
                    if (value.ValueKind != JsonValueKind.String || !value.ValueEquals(replacement))
                    {
                        (Paths ??= []).Add(Pointer(depth + 1));
                    }

                    _writer.Write(replacement);
                    continue;
                }

                if (!Write(value, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private bool WriteArray(JsonElement element, int depth)
        {
            JsonToMessagePack.CheckDepth(depth + 1);
            _writer.WriteArrayHeader(element.GetArrayLength());
            int index = 0;
            bool afterFlag = false;
            foreach (JsonElement item in element.EnumerateArray())
            {
                _scratch.Path[depth] = new Segment(default, index++);
                bool valueOfFlag = afterFlag;
                string? dashed = _redactor is not null && StartsWithDash(item) ? item.GetString() : null;
                afterFlag = dashed is not null && _redactor!.IsSensitiveFlagItem(dashed);
                if (valueOfFlag && item.ValueKind != JsonValueKind.Null && (dashed is null || !_redactor!.IsOptionItem(dashed)))
                {
                    // The argument-list rule, as the tree walk applies it: the item after "--token" goes whole.
                    string replacement = _redactor!.Replacement;
                    if (item.ValueKind != JsonValueKind.String || !item.ValueEquals(replacement))
                    {
                        (Paths ??= []).Add(Pointer(depth + 1));
                    }

                    _writer.Write(replacement);
                    continue;
                }

                if (!Write(item, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether a string item may be an option; only those are materialized for the argument-list rule.</summary>
        private static bool StartsWithDash(JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(item);
            return raw.Length > 2 && (raw[1] == (byte)'-' || raw[1] == (byte)'\\');
        }

        private bool WriteString(JsonElement element, int depth)
        {
            ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
            raw = raw[1..^1]; // the quotes
            if (raw.Contains((byte)'\\'))
            {
                WriteText(element.GetString()!, depth);
                return true;
            }

            if (_redactor is null)
            {
                if (!Utf8.IsValid(raw))
                {
                    return false;
                }

                _writer.WriteString(raw);
                return true;
            }

            if (_scratch.Chars.Length < raw.Length)
            {
                _scratch.Chars = new char[Math.Max(raw.Length, _scratch.Chars.Length * 2)];
            }

            if (Utf8.ToUtf16(raw, _scratch.Chars, out _, out int length, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return false;
            }

            ReadOnlySpan<char> chars = _scratch.Chars.AsSpan(0, length);
            if (!_redactor.MightRedactValue(chars))
            {
                _writer.WriteString(raw);
                return true;
            }

            WriteText(new string(chars), depth);
            return true;
        }

        /// <summary>Writes a materialized string through the value rule.</summary>
        private void WriteText(string text, int depth)
        {
            if (_redactor is not null && _redactor.MightRedactValue(text))
            {
                string result;
                if (_redactor.MightBeEmbeddedJson(text))
                {
                    result = _redactor.RedactValue(text, Pointer(depth), ref Paths);
                }
                else
                {
                    result = _redactor.RedactText(text, out bool changed);
                    if (changed)
                    {
                        (Paths ??= []).Add(Pointer(depth));
                    }
                }

                text = result;
            }

            _writer.Write(text);
        }

        private readonly bool IsSensitive(Redactor redactor, ReadOnlySpan<byte> rawName, string? name)
        {
            if (name is not null)
            {
                return redactor.IsSensitiveKey(name.AsSpan());
            }

            if (rawName.Length > StackKeyChars)
            {
                return redactor.IsSensitiveKey(Encoding.UTF8.GetString(rawName).AsSpan());
            }

            Span<char> chars = stackalloc char[StackKeyChars];
            int length = Encoding.UTF8.GetChars(rawName, chars);
            return redactor.IsSensitiveKey(chars[..length]);
        }

        /// <summary>The RFC 6901 pointer of the value below the first <paramref name="depth"/> path steps.</summary>
        private readonly string Pointer(int depth)
        {
            if (depth == 0)
            {
                return string.Empty;
            }

            var builder = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                Segment segment = _scratch.Path[i];
                builder.Append('/');
                if (segment.Index >= 0)
                {
                    builder.Append(segment.Index);
                }
                else
                {
                    JsonPointer.AppendToken(builder, segment.Property.Name);
                }
            }

            return builder.ToString();
        }

        private static bool HasRepeatedName(JsonElement element, int count)
        {
            if (count > PairwiseNameCheck)
            {
                var seen = new HashSet<string>(count, StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        return true;
                    }
                }

                return false;
            }

            // Each name against the ones before it, by a second enumeration (a struct walk, nothing allocated).
            int index = 0;
            foreach (JsonProperty property in element.EnumerateObject())
            {
                ReadOnlySpan<byte> name = JsonMarshal.GetRawUtf8PropertyName(property);
                bool escaped = name.Contains((byte)'\\');
                int before = 0;
                foreach (JsonProperty other in element.EnumerateObject())
                {
                    if (before++ == index)
                    {
                        break;
                    }

                    ReadOnlySpan<byte> otherName = JsonMarshal.GetRawUtf8PropertyName(other);
                    bool same = escaped || otherName.Contains((byte)'\\')
                        ? string.Equals(property.Name, other.Name, StringComparison.Ordinal)
                        : name.SequenceEqual(otherName);
                    if (same)
                    {
                        return true;
                    }
                }

                index++;
            }

            return false;
        }
    }
}
