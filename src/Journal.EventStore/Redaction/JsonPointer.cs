using System.Text;
using System.Text.Json.Nodes;

namespace Journal.EventStore.Redaction;

/// <summary>
/// Builds RFC 6901 pointers from a node's parent chain. Only called once something was redacted, so
/// the walk itself never carries a path.
/// </summary>
internal static class JsonPointer
{
    /// <summary>The pointer of <paramref name="node"/> relative to the root of its tree.</summary>
    public static string Of(JsonNode node)
    {
        if (node.Parent is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    /// <summary>The pointer of the property <paramref name="name"/> of <paramref name="container"/>.</summary>
    public static string Of(JsonObject container, string name)
    {
        var builder = new StringBuilder();
        Append(builder, container);
        AppendToken(builder.Append('/'), name);
        return builder.ToString();
    }

    /// <summary>Prefixes a pointer inside an embedded document with its host string's pointer.</summary>
    public static string Compose(string? host, string pointer) => host is null ? pointer : host + "#" + pointer;

    private static void Append(StringBuilder builder, JsonNode node)
    {
        JsonNode? parent = node.Parent;
        if (parent is null)
        {
            return;
        }

        Append(builder, parent);
        builder.Append('/');
        if (parent is JsonArray)
        {
            builder.Append(node.GetElementIndex());
        }
        else
        {
            AppendToken(builder, node.GetPropertyName());
        }
    }

    internal static void AppendToken(StringBuilder builder, string token)
    {
        foreach (char c in token)
        {
            _ = c switch
            {
                '~' => builder.Append("~0"),
                '/' => builder.Append("~1"),
                _ => builder.Append(c),
            };
        }
    }
}
