using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Journal.Domain.Canvas.Patching;

/// <summary>
/// Value semantics for JSON trees: deep equality (object member order is irrelevant, numbers compare
/// by value) and the canonical spelling of a number, shared by <c>test</c> and the canonical form.
/// </summary>
public static class JsonValues
{
    private const double TwoTo63 = 9223372036854775808.0;
    private const double TwoTo64 = 18446744073709551616.0;

    /// <summary>
    /// Whether two JSON values are equal: same kind; strings by ordinal; numbers by
    /// <see cref="CanonicalNumber(string)"/>; arrays element by element; objects with the same member
    /// names, each with an equal value, in any order. JSON <c>null</c> is a null node.
    /// </summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case JsonObject x:
                if (b is not JsonObject y || x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (name, value) in x)
                {
                    if (!y.TryGetPropertyValue(name, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray x:
                if (b is not JsonArray ya || x.Count != ya.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!DeepEquals(x[i], ya[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (b is not JsonValue bv || b is JsonObject or JsonArray)
                {
                    return false;
                }

                var av = a.AsValue();
                var kind = av.GetValueKind();
                if (kind != bv.GetValueKind())
                {
                    return false;
                }

                return kind switch
                {
                    JsonValueKind.String => string.Equals(StringOf(av), StringOf(bv), StringComparison.Ordinal),
                    JsonValueKind.Number => string.Equals(CanonicalNumber(av), CanonicalNumber(bv), StringComparison.Ordinal),
                    _ => true,
                };
        }
    }

    /// <summary>The text of a JSON string value.</summary>
    public static string StringOf(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty;

    /// <summary>The canonical spelling of a number value (see <see cref="CanonicalNumber(string)"/>).</summary>
    public static string CanonicalNumber(JsonValue value)
    {
        // A CLR double (not a parsed literal, which may be an exact integer beyond 2^53) is spelled
        // straight from its value, without formatting JSON.
        if (!value.TryGetValue<JsonElement>(out _) && value.TryGetValue<double>(out var number) && double.IsFinite(number))
        {
            return CanonicalDouble(number);
        }

        return CanonicalNumber(LiteralOf(value, out var integer) ?? integer.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The JSON literal of a number value, or null with <paramref name="integer"/> set when it is a
    /// 64-bit integer. Parsed values give their raw text and CLR values their own, so hashing a state
    /// does not format every number through a JSON writer.
    /// </summary>
    private static string? LiteralOf(JsonValue value, out long integer)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.TryGetInt64(out integer) ? null : element.GetRawText();
        }

        if (value.TryGetValue(out integer))
        {
            return null;
        }

        if (value.TryGetValue<int>(out var int32))
        {
            integer = int32;
            return null;
        }

        return value.ToJsonString();
    }

    /// <summary>
    /// The canonical spelling of a JSON number literal, a function of the value the tape keeps: an
    /// integer literal that fits a 64-bit integer is kept exactly (<c>-0</c> is <c>0</c>); anything
    /// else is read as an IEEE 754 double, written as a plain integer when it is whole and below 2^64,
    /// else in the shortest round-trip form (<c>1.5</c>, <c>1E+300</c>). So <c>1</c>, <c>1.0</c> and
    /// <c>10E-1</c> are the same number. A literal beyond the double range gives null.
    /// </summary>
    public static string? TryCanonicalNumber(string literal)
    {
        if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var int64))
        {
            return int64.ToString(CultureInfo.InvariantCulture);
        }

        if (ulong.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var uint64))
        {
            return uint64.ToString(CultureInfo.InvariantCulture);
        }

        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return null;
        }

        return CanonicalDouble(number);
    }

    private static string CanonicalDouble(double number)
    {
        if (number == Math.Floor(number))
        {
            if (number >= -TwoTo63 && number < TwoTo63)
            {
                return ((long)number).ToString(CultureInfo.InvariantCulture);
            }

            if (number >= 0 && number < TwoTo64)
            {
                return ((ulong)number).ToString(CultureInfo.InvariantCulture);
            }
        }

        return number.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary><see cref="TryCanonicalNumber"/>, keeping a literal beyond the double range as it is written.</summary>
    public static string CanonicalNumber(string literal) => TryCanonicalNumber(literal) ?? literal;

    /// <summary>The first number in <paramref name="node"/> outside the double range (such as <c>1e400</c>), or null.</summary>
    public static string? FindNonFiniteNumber(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (FindNonFiniteNumber(child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (FindNonFiniteNumber(child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                var value = node.AsValue();
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    return null;
                }

                var literal = LiteralOf(value, out _);
                return literal is not null && TryCanonicalNumber(literal) is null ? literal : null;
        }
    }
}
