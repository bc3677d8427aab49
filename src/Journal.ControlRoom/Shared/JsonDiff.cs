using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Journal.ControlRoom.Shared;

/// <summary>One difference between two JSON documents.</summary>
/// <param name="Path">Where, as a JSON Pointer (RFC 6901); empty for the whole document.</param>
/// <param name="Before">The value before, as compact JSON; null when the path did not exist.</param>
/// <param name="After">The value after, as compact JSON; null when the path no longer exists.</param>
public sealed record JsonChange(string Path, string? Before, string? After);

/// <summary>
/// The differences between two JSON values, as a list a person reads: objects are compared key by key
/// and arrays index by index, down to the first level where the two differ in kind or in value.
/// </summary>
public static class JsonDiff
{
    /// <summary>The changes that turn <paramref name="before"/> into <paramref name="after"/>, in document order.</summary>
    public static IReadOnlyList<JsonChange> Between(JsonNode? before, JsonNode? after)
    {
        var changes = new List<JsonChange>();
        Compare(string.Empty, before, after, present: (true, true), changes);
        return changes;
    }

    private static void Compare(string path, JsonNode? before, JsonNode? after, (bool Before, bool After) present, List<JsonChange> changes)
    {
        if (present.Before && present.After && JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (present.Before && present.After && before is JsonObject left && after is JsonObject right)
        {
            foreach (var key in left.Select(p => p.Key).Concat(right.Select(p => p.Key).Where(k => !left.ContainsKey(k))))
            {
                var inLeft = left.TryGetPropertyValue(key, out var l);
                var inRight = right.TryGetPropertyValue(key, out var r);
                Compare(path + "/" + Escape(key), l, r, (inLeft, inRight), changes);
            }

            return;
        }

        if (present.Before && present.After && before is JsonArray first && after is JsonArray second)
        {
            for (var i = 0; i < Math.Max(first.Count, second.Count); i++)
            {
                Compare(path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i < first.Count ? first[i] : null, i < second.Count ? second[i] : null, (i < first.Count, i < second.Count), changes);
            }

            return;
        }

        changes.Add(new JsonChange(path, present.Before ? Text(before) : null, present.After ? Text(after) : null));
    }

    /// <summary>
    /// Values as a person reads them: the relaxed encoder leaves <c>'</c>, <c>&lt;</c>, <c>&amp;</c> and non-ASCII letters as
    /// they are instead of <c>\u0027</c>-style escapes. That is safe here because pages render the text as text (encoded by Razor).
    /// </summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Text(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    /// <summary>A key as a JSON Pointer token: <c>~</c> as <c>~0</c>, <c>/</c> as <c>~1</c>.</summary>
    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
