using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Journal.Domain.Canvas.Patching;

/// <summary>
/// The canonical form of a JSON value, the input of a canvas state hash. It is a function of the
/// value alone, not of how it was spelled:
/// <list type="bullet">
/// <item>no whitespace; object members sorted by name, by UTF-16 code units (ordinal);</item>
/// <item>strings in double quotes, escaping only <c>"</c>, <c>\</c> and U+0000 to U+001F
/// (<c>\b \f \n \r \t</c>, else <c>\u00xx</c> in lower-case hex); everything else as UTF-8;</item>
/// <item>numbers as <see cref="JsonValues.TryCanonicalNumber"/> spells them; <c>true</c>,
/// <c>false</c>, <c>null</c> as themselves.</item>
/// </list>
/// The hash is SHA-256 over these UTF-8 bytes, in lower-case hex. The form is written straight to
/// UTF-8 in a pooled buffer (a canvas state is hashed on every patch, by the decider and by the
/// read model), taking a parsed string's or integer's raw bytes when they are already canonical.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The characters a canonical string escapes.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>The canonical form of <paramref name="node"/> as text (valid JSON).</summary>
    public static string Text(JsonNode? node) => Text(node, out _);

    /// <summary>The canonical text of <paramref name="node"/> and its nesting depth (a scalar is 0, <c>{}</c> and <c>[]</c> are 1).</summary>
    public static string Text(JsonNode? node, out int depth)
    {
        var writer = new Utf8Buffer(1024);
        try
        {
            depth = Write(ref writer, node, 0, null);
            return Encoding.UTF8.GetString(writer.Written);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/>.</summary>
    public static byte[] Bytes(JsonNode? node)
    {
        var writer = new Utf8Buffer(1024);
        try
        {
            Write(ref writer, node, 0, null);
            return writer.Written.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>SHA-256 of the canonical bytes, lower-case hex, and how many bytes they are.</summary>
    public static (string Sha256, int Length) Hash(JsonNode? node) => Hash(node, out _);

    /// <summary>SHA-256 of the canonical bytes, lower-case hex, how many bytes they are and the nesting depth (as <see cref="Text(JsonNode?, out int)"/>).</summary>
    public static (string Sha256, int Length) Hash(JsonNode? node, out int depth) => Hash(node, null, out depth);

    /// <summary>
    /// As <see cref="Hash(JsonNode?, out int)"/>, taking the canonical bytes of unchanged small containers
    /// from <paramref name="cache"/> and keeping there those it writes.
    /// </summary>
    public static (string Sha256, int Length) Hash(JsonNode? node, CanonicalCache? cache, out int depth)
    {
        var writer = new Utf8Buffer(1024);
        try
        {
            depth = Write(ref writer, node, 0, cache);
            return (HexSha256(writer.Written), writer.Written.Length);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>
    /// The canonical text, its SHA-256 (lower-case hex) and its UTF-8 length in one pass, for a caller
    /// that stores the text and checks the hash.
    /// </summary>
    public static (string Text, string Sha256, int Length) TextAndHash(JsonNode? node)
    {
        var writer = new Utf8Buffer(1024);
        try
        {
            Write(ref writer, node, 0, null);
            return (Encoding.UTF8.GetString(writer.Written), HexSha256(writer.Written), writer.Written.Length);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>SHA-256 of canonical text already written by <see cref="Text(JsonNode?)"/>, lower-case hex, and its UTF-8 length.</summary>
    public static (string Sha256, int Length) HashOfText(string canonical)
    {
        var bytes = Encoding.UTF8.GetBytes(canonical);
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }

    private static string HexSha256(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static int Write(ref Utf8Buffer text, JsonNode? node, int level, CanonicalCache? cache)
    {
        // A small container below the root: from the cache, or written and kept there.
        if (cache is not null && level > 0 && node is JsonObject or JsonArray)
        {
            if (cache.TryGet(node, out var hit))
            {
                text.Append(hit.Bytes);
                return level + hit.Depth;
            }

            var start = text.Written.Length;
            var written = WriteNode(ref text, node, level, cache);
            cache.Keep(node, text.Written[start..], written - level);
            return written;
        }

        return WriteNode(ref text, node, level, cache);
    }

    private static int WriteNode(ref Utf8Buffer text, JsonNode? node, int level, CanonicalCache? cache)
    {
        var deepest = level;
        switch (node)
        {
            case null:
                text.Append("null"u8);
                break;
            case JsonObject obj:
                deepest = level + 1;
                var count = obj.Count;
                var members = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(count);
                try
                {
                    var sorted = true;
                    int i;
                    for (i = 0; i < count; i++)
                    {
                        // By index: no enumerator to allocate and call through an interface.
                        var member = obj.GetAt(i);
                        sorted &= i == 0 || string.CompareOrdinal(members[i - 1].Key, member.Key) < 0;
                        members[i] = member;
                    }

                    if (!sorted)
                    {
                        Sort(members.AsSpan(0, count));
                    }

                    text.Append((byte)'{');
                    for (i = 0; i < count; i++)
                    {
                        if (i > 0)
                        {
                            text.Append((byte)',');
                        }

                        WriteString(ref text, members[i].Key);
                        text.Append((byte)':');
                        deepest = Math.Max(deepest, Write(ref text, members[i].Value, level + 1, cache));
                    }

                    text.Append((byte)'}');
                }
                finally
                {
                    // The pooled array must not keep the document's nodes alive.
                    Array.Clear(members, 0, count);
                    ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(members);
                }

                break;
            case JsonArray array:
                deepest = level + 1;
                text.Append((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append((byte)',');
                    }

                    deepest = Math.Max(deepest, Write(ref text, array[i], level + 1, cache));
                }

                text.Append((byte)']');
                break;
            default:
                WriteValue(ref text, node.AsValue());
                break;
        }

        return deepest;
    }

    private static void WriteValue(ref Utf8Buffer text, JsonValue value)
    {
        var kind = value.GetValueKind();
        switch (kind)
        {
            // Literals need nothing of the value itself.
            case JsonValueKind.True:
                text.Append("true"u8);
                return;
            case JsonValueKind.False:
                text.Append("false"u8);
                return;
            case JsonValueKind.Null:
                text.Append("null"u8);
                return;
        }

        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(ref text, value, element);
            return;
        }

        switch (kind)
        {
            case JsonValueKind.String:
                WriteString(ref text, JsonValues.StringOf(value));
                break;
            case JsonValueKind.Number:
                WriteClrNumber(ref text, value);
                break;
            default:
                // Literals were written above; nothing else is a value.
                text.Append("null"u8);
                break;
        }
    }

    /// <summary>A parsed value: its raw UTF-8 is taken as it is when it is already canonical.</summary>
    private static void WriteElement(ref Utf8Buffer text, JsonValue value, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                // A parsed string without escapes holds no '"', '\' nor control character: when it is
                // valid UTF-8 (the reader does not check that), its raw bytes, quotes included, are canonical.
                // Anything else goes through GetString, which unescapes and refuses invalid UTF-8 as before.
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (raw.IndexOf((byte)'\\') < 0 && Utf8.IsValid(raw))
                {
                    text.Append(raw);
                }
                else
                {
                    WriteString(ref text, element.GetString() ?? string.Empty);
                }

                break;
            case JsonValueKind.Number:
                // A plain integer literal of up to 18 digits fits a 64-bit integer and is spelled as it is
                // (JSON has no leading zeros or '+'); "-0" and everything else goes the general way.
                var literal = JsonMarshal.GetRawUtf8Value(element);
                var digits = literal.Length > 0 && literal[0] == (byte)'-' ? literal[1..] : literal;
                if (digits.Length is > 0 and <= 18 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9') && !(literal.Length == 2 && digits[0] == (byte)'0' && literal[0] == (byte)'-'))
                {
                    text.Append(literal);
                }
                else if (element.TryGetDouble(out var number) && double.IsFinite(number) && number != Math.Floor(number))
                {
                    // Not an integer literal and not whole: the shortest round-trip form of the double.
                    text.AppendDouble(number);
                }
                else
                {
                    text.AppendAscii(JsonValues.CanonicalNumber(value));
                }

                break;
            default:
                // Only strings and numbers reach here: WriteValue writes the literals itself.
                text.Append("null"u8);
                break;
        }
    }

    /// <summary>A CLR number: the common types are formatted in place, as <see cref="JsonValues.CanonicalNumber(JsonValue)"/> spells them.</summary>
    private static void WriteClrNumber(ref Utf8Buffer text, JsonValue value)
    {
        if (value.TryGetValue<int>(out var int32))
        {
            text.AppendInteger(int32);
        }
        else if (value.TryGetValue<long>(out var int64))
        {
            text.AppendInteger(int64);
        }
        else if (value.TryGetValue<double>(out var number) && double.IsFinite(number) && number != Math.Floor(number))
        {
            text.AppendDouble(number);
        }
        else
        {
            text.AppendAscii(JsonValues.CanonicalNumber(value));
        }
    }

    private static void WriteString(ref Utf8Buffer text, string value)
    {
        text.Append((byte)'"');
        var rest = value.AsSpan();
        while (true)
        {
            // Runs without anything to escape are encoded at once.
            var next = rest.IndexOfAny(Escaped);
            if (next < 0)
            {
                text.AppendUtf8(rest);
                break;
            }

            text.AppendUtf8(rest[..next]);
            switch (rest[next])
            {
                case '"': text.Append("\\\""u8); break;
                case '\\': text.Append("\\\\"u8); break;
                case '\b': text.Append("\\b"u8); break;
                case '\f': text.Append("\\f"u8); break;
                case '\n': text.Append("\\n"u8); break;
                case '\r': text.Append("\\r"u8); break;
                case '\t': text.Append("\\t"u8); break;
                default: text.AppendAscii("\\u" + ((int)rest[next]).ToString("x4", CultureInfo.InvariantCulture)); break;
            }

            rest = rest[(next + 1)..];
        }

        text.Append((byte)'"');
    }

    /// <summary>Sorts members by name, ordinal: an insertion sort for the few members most objects have.</summary>
    private static void Sort(Span<KeyValuePair<string, JsonNode?>> members)
    {
        if (members.Length > 16)
        {
            members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return;
        }

        for (var i = 1; i < members.Length; i++)
        {
            var member = members[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(members[j].Key, member.Key) > 0)
            {
                members[j + 1] = members[j];
                j--;
            }

            members[j + 1] = member;
        }
    }

    /// <summary>A growable UTF-8 buffer rented from the shared pool; <see cref="Dispose"/> returns it.</summary>
    private struct Utf8Buffer(int capacity) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        private int _length;

        public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Append(byte b)
        {
            Ensure(1);
            _buffer[_length++] = b;
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        /// <summary>UTF-16 to UTF-8 as <see cref="Encoding.UTF8"/> does it (a lone surrogate becomes U+FFFD).</summary>
        public void AppendUtf8(ReadOnlySpan<char> chars)
        {
            Ensure(chars.Length * 3);
            _length += Encoding.UTF8.GetBytes(chars, _buffer.AsSpan(_length));
        }

        public void AppendAscii(string ascii) => AppendUtf8(ascii);

        public void AppendInteger(long number)
        {
            Ensure(20);
            Utf8Formatter.TryFormat(number, _buffer.AsSpan(_length), out var written);
            _length += written;
        }

        public void AppendDouble(double number)
        {
            Ensure(32);
            number.TryFormat(_buffer.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture);
            _length += written;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Ensure(int more)
        {
            if (_length + more <= _buffer.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
