using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
/// The hash is SHA-256 over these UTF-8 bytes, in lower-case hex.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical form of <paramref name="node"/> as text (valid JSON).</summary>
    public static string Text(JsonNode? node) => Text(node, out _);

    /// <summary>The canonical text of <paramref name="node"/> and its nesting depth (a scalar is 0, <c>{}</c> and <c>[]</c> are 1).</summary>
    public static string Text(JsonNode? node, out int depth)
    {
        var text = new StringBuilder();
        depth = Write(text, node, 0);
        return text.ToString();
    }

    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/>.</summary>
    public static byte[] Bytes(JsonNode? node) => Encoding.UTF8.GetBytes(Text(node));

    /// <summary>SHA-256 of the canonical bytes, lower-case hex, and how many bytes they are.</summary>
    public static (string Sha256, int Length) Hash(JsonNode? node) => HashOfText(Text(node));

    /// <summary>SHA-256 of canonical text already written by <see cref="Text(JsonNode?)"/>, lower-case hex, and its UTF-8 length.</summary>
    public static (string Sha256, int Length) HashOfText(string canonical)
    {
        var bytes = Encoding.UTF8.GetBytes(canonical);
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }

    private static int Write(StringBuilder text, JsonNode? node, int level)
    {
        var deepest = level;
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                deepest = level + 1;
                var members = new KeyValuePair<string, JsonNode?>[obj.Count];
                var i = 0;
                var sorted = true;
                foreach (var member in obj)
                {
                    sorted &= i == 0 || string.CompareOrdinal(members[i - 1].Key, member.Key) < 0;
                    members[i++] = member;
                }

                if (!sorted)
                {
                    Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                }

                text.Append('{');
                for (i = 0; i < members.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteString(text, members[i].Key);
                    text.Append(':');
                    deepest = Math.Max(deepest, Write(text, members[i].Value, level + 1));
                }

                text.Append('}');
                break;
            case JsonArray array:
                deepest = level + 1;
                text.Append('[');
                for (i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    deepest = Math.Max(deepest, Write(text, array[i], level + 1));
                }

                text.Append(']');
                break;
            default:
                var value = node.AsValue();
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(text, JsonValues.StringOf(value));
                        break;
                    case JsonValueKind.Number:
                        text.Append(JsonValues.CanonicalNumber(value));
                        break;
                    case JsonValueKind.True:
                        text.Append("true");
                        break;
                    case JsonValueKind.False:
                        text.Append("false");
                        break;
                    default:
                        text.Append("null");
                        break;
                }

                break;
        }

        return deepest;
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\')
            {
                continue;
            }

            // Runs without anything to escape are copied at once.
            text.Append(value, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default: text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }

        text.Append(value, start, value.Length - start).Append('"');
    }
}
