using System.Text;
using System.Text.Json;

namespace Journal.Projections.SessionDeltas;

/// <summary>
/// How <c>session_deltas.v5</c> keeps a change small: instead of the whole view before it, the change
/// stores an <em>undo</em>, a JSON object of the top-level properties whose values differ, each with its
/// value in the view before, copied as raw JSON text. A session's current view and its changes newest
/// first then give every view: the newest change's after is the current view, and each change's before
/// is its after with its undo applied (the after of the change before it). Values are spliced as the
/// serializer wrote them, so the views read back are byte for byte the texts <see cref="SessionViewJson"/>
/// wrote.
/// </summary>
public static class ViewUndo
{
    /// <summary>
    /// The undo from <paramref name="after"/> back to <paramref name="before"/>, or null when the two do not
    /// have the same properties in the same order (then the whole view before is stored instead).
    /// </summary>
    public static string? Between(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var was = Properties(Encoding.UTF8.GetBytes(before));
        var now = Properties(Encoding.UTF8.GetBytes(after));
        if (was is null || now is null || was.Count != now.Count)
        {
            return null;
        }

        var undo = new StringBuilder("{");
        for (var i = 0; i < was.Count; i++)
        {
            if (!was[i].Name.SequenceEqual(now[i].Name))
            {
                return null;
            }

            if (!was[i].Value.SequenceEqual(now[i].Value))
            {
                undo.Append(undo.Length > 1 ? "," : "").Append(Encoding.UTF8.GetString(was[i].Name)).Append(':').Append(Encoding.UTF8.GetString(was[i].Value));
            }
        }

        return undo.Append('}').ToString();
    }

    /// <summary>The view before a change: <paramref name="after"/> with each property of <paramref name="undo"/> set to the undo's raw value.</summary>
    /// <exception cref="JsonException">The undo names a property the view does not have, or either text is not a JSON object.</exception>
    public static string Apply(string after, string undo)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(undo);
        var view = Properties(Encoding.UTF8.GetBytes(after)) ?? throw new JsonException("a session view is a JSON object");
        var changes = Properties(Encoding.UTF8.GetBytes(undo)) ?? throw new JsonException("an undo is a JSON object");
        var text = new StringBuilder(after.Length + 16).Append('{');
        var used = 0;
        for (var i = 0; i < view.Count; i++)
        {
            var value = view[i].Value;
            foreach (var change in changes)
            {
                if (change.Name.SequenceEqual(view[i].Name))
                {
                    value = change.Value;
                    used++;
                    break;
                }
            }

            text.Append(i > 0 ? "," : "").Append(Encoding.UTF8.GetString(view[i].Name)).Append(':').Append(Encoding.UTF8.GetString(value));
        }

        return used == changes.Count ? text.Append('}').ToString() : throw new JsonException("the undo names a property the view does not have");
    }

    /// <summary>The top-level properties of a compact JSON object: each name (quoted, as written) and raw value; null when it is not an object.</summary>
    private static List<(byte[] Name, byte[] Value)>? Properties(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var properties = new List<(byte[], byte[])>(20);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The name as written: its raw (still escaped) bytes between the quotes, with the quotes.
            var nameStart = (int)reader.TokenStartIndex;
            var nameEnd = nameStart + reader.ValueSpan.Length + 2;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            var valueEnd = (int)reader.BytesConsumed;
            properties.Add((json[nameStart..nameEnd], json[valueStart..valueEnd]));
        }

        return reader.TokenType == JsonTokenType.EndObject ? properties : null;
    }
}
