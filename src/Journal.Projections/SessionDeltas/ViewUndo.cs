using System.Buffers;
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

        // Runs for every change a replay writes: UTF-8 and the property bounds in pooled buffers, the
        // properties compared in place, one string made (the undo).
        var pool = ArrayPool<byte>.Shared;
        var wasBytes = pool.Rent(Encoding.UTF8.GetMaxByteCount(before.Length));
        var nowBytes = pool.Rent(Encoding.UTF8.GetMaxByteCount(after.Length));
        var undoBytes = pool.Rent(Encoding.UTF8.GetMaxByteCount(before.Length) + 2);
        var bounds = ArrayPool<int>.Shared.Rent(2 * 4 * MaxProperties);
        try
        {
            var was = wasBytes.AsSpan(0, Encoding.UTF8.GetBytes(before, wasBytes));
            var now = nowBytes.AsSpan(0, Encoding.UTF8.GetBytes(after, nowBytes));
            var wasBounds = bounds.AsSpan(0, 4 * MaxProperties);
            var nowBounds = bounds.AsSpan(4 * MaxProperties, 4 * MaxProperties);
            var count = Scan(was, wasBounds);
            if (count < 0 || count != Scan(now, nowBounds))
            {
                return null;
            }

            var undo = undoBytes.AsSpan();
            undo[0] = (byte)'{';
            var length = 1;
            for (var i = 0; i < count; i++)
            {
                var name = Slice(was, wasBounds, i, 0);
                var value = Slice(was, wasBounds, i, 2);
                if (!name.SequenceEqual(Slice(now, nowBounds, i, 0)))
                {
                    return null;
                }

                if (value.SequenceEqual(Slice(now, nowBounds, i, 2)))
                {
                    continue;
                }

                if (length > 1)
                {
                    undo[length++] = (byte)',';
                }

                name.CopyTo(undo[length..]);
                length += name.Length;
                undo[length++] = (byte)':';
                value.CopyTo(undo[length..]);
                length += value.Length;
            }

            undo[length++] = (byte)'}';
            return Encoding.UTF8.GetString(undo[..length]);
        }
        finally
        {
            pool.Return(wasBytes);
            pool.Return(nowBytes);
            pool.Return(undoBytes);
            ArrayPool<int>.Shared.Return(bounds);
        }
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

    /// <summary>The most properties <see cref="Between"/> compares (a session view has 17); a larger object gets no undo.</summary>
    private const int MaxProperties = 64;

    /// <summary>
    /// The top-level properties of a JSON object into <paramref name="bounds"/>, four numbers each (name
    /// start and end, with its quotes, as written; value start and end, raw); how many, or -1 when it is
    /// not an object or has more than <paramref name="bounds"/> holds.
    /// </summary>
    private static int Scan(ReadOnlySpan<byte> json, Span<int> bounds)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return -1;
        }

        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (4 * (count + 1) > bounds.Length)
            {
                return -1;
            }

            var at = 4 * count++;
            bounds[at] = (int)reader.TokenStartIndex;
            bounds[at + 1] = bounds[at] + reader.ValueSpan.Length + 2;
            reader.Read();
            bounds[at + 2] = (int)reader.TokenStartIndex;
            reader.Skip();
            bounds[at + 3] = (int)reader.BytesConsumed;
        }

        return reader.TokenType == JsonTokenType.EndObject ? count : -1;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> json, ReadOnlySpan<int> bounds, int property, int part) =>
        json[bounds[(4 * property) + part]..bounds[(4 * property) + part + 1]];

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
