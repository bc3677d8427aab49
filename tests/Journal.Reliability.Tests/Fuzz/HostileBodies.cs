using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Journal.Reliability.Tests.Fuzz;

/// <summary>One hostile variant of a body, and the problem code the service must answer it with.</summary>
public sealed record HostileBody(string Name, byte[] Bytes, string Code);

/// <summary>
/// Variants of a plausible JSON body that two parsers could read two ways: invalid UTF-8 inside its string
/// values, a repeated key (at the top, in a nested object, in an object inside an array, spelt escaped),
/// and malformed text (truncated, trailing data).
/// </summary>
public static class HostileBodies
{
    public const string Malformed = "request.malformed_json";
    public const string Duplicate = "request.duplicate_key";

    /// <summary>Byte sequences that are not UTF-8: a lead byte without its continuation, an encoded surrogate.</summary>
    public static readonly IReadOnlyList<(string Name, byte[] Bytes)> InvalidUtf8 = [("C3 28", [0xC3, 0x28]), ("ED A0 80", [0xED, 0xA0, 0x80])];

    private const string Marker = "HOSTILE-MARKER-7f3a";
    private const int MaxStringTargets = 4;

    public static IEnumerable<HostileBody> Of(JsonNode body)
    {
        var text = body.ToJsonString();

        // Invalid UTF-8 inside each string value (a few), or inside one added when the body has none.
        var strings = Walk(body).Count(n => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String);
        for (var target = 0; target < Math.Max(1, Math.Min(strings, MaxStringTargets)); target++)
        {
            foreach (var (name, bytes) in InvalidUtf8)
            {
                var copy = body.DeepClone();
                var leaf = Walk(copy).Where(n => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String).ElementAtOrDefault(target);
                if (leaf is null)
                {
                    AddMember(copy, "note", Marker);
                }
                else
                {
                    leaf.ReplaceWith(Marker);
                }

                yield return new HostileBody($"invalid UTF-8 {name} in string {target}", Splice(copy.ToJsonString(), Marker, [.. "a"u8.ToArray(), .. bytes, .. "b"u8.ToArray()]), Malformed);
            }
        }

        // A repeated key at the top, plainly and with its first letter escaped (a body that is an array,
        // such as a JSON Patch document, gets it in its first object instead).
        if (body is JsonObject top)
        {
            yield return new HostileBody("duplicate key at the top", Encoding.UTF8.GetBytes(RepeatFirstKey(top, escaped: false)), Duplicate);
            yield return new HostileBody("duplicate escaped key at the top", Encoding.UTF8.GetBytes(RepeatFirstKey(top, escaped: true)), Duplicate);
        }
        else
        {
            yield return new HostileBody("duplicate key in the first object", Nested(body, _ => true, "{\"a\":1,\"a\":2}"), Duplicate);
        }

        // A repeated key in the first nested object, and in the first object inside an array (added when there is none).
        yield return new HostileBody("duplicate key in a nested object", Nested(body, n => n.Parent is JsonObject, "{\"a\":1,\"a\":2}"), Duplicate);
        yield return new HostileBody("duplicate key in an object in an array", Nested(body, n => n.Parent is JsonArray, "[0,{\"a\":1,\"\\u0061\":2}]"), Duplicate);

        // Malformed: cut short, and with data after the value.
        yield return new HostileBody("truncated at half", Encoding.UTF8.GetBytes(text[..(text.Length / 2)]), Malformed);
        yield return new HostileBody("truncated by one", Encoding.UTF8.GetBytes(text[..^1]), Malformed);
        yield return new HostileBody("trailing garbage", Encoding.UTF8.GetBytes(text + " x"), Malformed);
        yield return new HostileBody("trailing brace", Encoding.UTF8.GetBytes(text + "}"), Malformed);
    }

    private static string RepeatFirstKey(JsonObject body, bool escaped)
    {
        if (body.Count == 0)
        {
            return escaped ? "{\"note\":1,\"\\u006eote\":2}" : "{\"note\":1,\"note\":2}";
        }

        var (name, value) = body.First();
        var key = escaped && name.Length > 0 ? "\\u" + ((int)name[0]).ToString("x4", CultureInfo.InvariantCulture) + name[1..] : name;
        var text = body.ToJsonString();
        return "{\"" + key + "\":" + (value?.ToJsonString() ?? "null") + "," + text[1..];
    }

    /// <summary>The body with the first object matching <paramref name="where"/> given a repeated key, or with a member holding <paramref name="fallback"/>.</summary>
    private static byte[] Nested(JsonNode body, Func<JsonObject, bool> where, string fallback)
    {
        var copy = body.DeepClone();
        var target = Walk(copy).OfType<JsonObject>().FirstOrDefault(o => o.Parent is not null && o.Count > 0 && where(o));
        string replacement;
        if (target is null)
        {
            AddMember(copy, "hostile", Marker);
            replacement = fallback;
        }
        else
        {
            replacement = RepeatFirstKey(target, escaped: false);
            target.ReplaceWith(Marker);
        }

        return Splice(copy.ToJsonString(), "\"" + Marker + "\"", Encoding.UTF8.GetBytes(replacement));
    }

    /// <summary>Adds a member to an object body, or an item to an array body.</summary>
    private static void AddMember(JsonNode body, string name, string value)
    {
        if (body is JsonArray array)
        {
            array.Add(value);
        }
        else
        {
            body.AsObject()[name] = value;
        }
    }

    private static byte[] Splice(string text, string marker, byte[] replacement)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. replacement, .. Encoding.UTF8.GetBytes(text[(at + marker.Length)..])];
    }

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.ToList())
        {
            foreach (var descendant in Walk(child))
            {
                yield return descendant;
            }
        }
    }
}
