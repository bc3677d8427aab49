using System.Buffers.Text;
using System.Text.Json;
using Journal.Domain.Errors;

namespace Journal.Projections.Querying;

/// <summary>
/// Opaque keyset cursors: the sort key of the last row of a page, tagged with the listing it belongs
/// to, as base64url JSON. Clients pass them back unchanged; anything else is a clear 400, never a
/// silently wrong page.
/// </summary>
public static class PageCursor
{
    /// <summary>The most rows a page may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Encodes the sort key of the last row for <paramref name="listing"/>.</summary>
    public static string Encode(string listing, params string[] key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { listing }.Concat(key).ToArray()));

    /// <summary>Decodes a cursor of <paramref name="listing"/> with <paramref name="parts"/> key parts; null for no cursor.</summary>
    /// <exception cref="ValidationException">The cursor is malformed or belongs to another listing.</exception>
    public static string[]? Decode(string? cursor, string listing, int parts)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            if (cursor.Length > 1024)
            {
                throw new FormatException("too long");
            }

            var values = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            if (values is null || values.Length != parts + 1 || values[0] != listing || values.Any(v => v is null))
            {
                throw new FormatException("not a cursor of this listing");
            }

            return values[1..];
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw new ValidationException("cursor", "is not a cursor this listing handed out");
        }
    }

    /// <summary>Checks a page size: 1 to <see cref="MaxLimit"/>.</summary>
    /// <exception cref="ValidationException">Out of range.</exception>
    public static int Limit(int? limit, int fallback = 50) =>
        limit switch
        {
            null => fallback,
            < 1 or > MaxLimit => throw new ValidationException("limit", $"must be between 1 and {MaxLimit}"),
            _ => limit.Value,
        };

    /// <summary>A long part of a decoded cursor.</summary>
    public static long Long(string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ValidationException("cursor", "is not a cursor this listing handed out");

    /// <summary>
    /// The version a page of one entity's versions (newest first) continues below: null on the first
    /// page. The cursor must have come from the same listing of the same entity <paramref name="id"/>.
    /// </summary>
    public static long? BeforeVersion(string? cursor, string listing, string id)
    {
        var after = Decode(cursor, listing, 2);
        if (after is null)
        {
            return null;
        }

        return after[0] == id ? Long(after[1]) : throw new ValidationException("cursor", "is not a cursor this listing handed out");
    }
}
