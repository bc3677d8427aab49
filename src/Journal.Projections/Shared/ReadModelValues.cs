using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Shared;

/// <summary>
/// The read models' column conventions: ids as lower-case <c>D</c> text, times as unix milliseconds.
/// Times are cut to whole milliseconds before they enter a fold, so a row read back from a table and
/// the same row folded from the tape (time travel) are equal.
/// </summary>
internal static class ReadModelValues
{
    /// <summary>An id as stored.</summary>
    public static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>An optional id as stored.</summary>
    public static string? Id(Guid? id) => id is { } value ? Id(value) : null;

    /// <summary>A time as stored.</summary>
    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>An optional time as stored.</summary>
    public static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    /// <summary>A time cut to whole milliseconds, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    /// <summary>An optional time cut to whole milliseconds, in UTC.</summary>
    public static DateTimeOffset? Truncate(DateTimeOffset? at) => at is { } value ? Truncate(value) : null;

    /// <summary>Reads an id column.</summary>
    public static Guid GetId(this SqliteDataReader reader, int ordinal) => Guid.ParseExact(reader.GetString(ordinal), "D");

    /// <summary>Reads a nullable id column.</summary>
    public static Guid? GetIdOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetId(ordinal);

    /// <summary>Reads a time column.</summary>
    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <summary>Reads a nullable time column.</summary>
    public static DateTimeOffset? GetTimeOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    /// <summary>Reads a nullable text column.</summary>
    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Reads a nullable integer column.</summary>
    public static long? GetInt64OrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Reads an enum stored by name.</summary>
    public static TEnum GetEnum<TEnum>(this SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(reader.GetString(ordinal), ignoreCase: false);

    /// <summary>Reads an enum stored by name, or null.</summary>
    public static TEnum? GetEnumOrNull<TEnum>(this SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum => reader.IsDBNull(ordinal) ? null : reader.GetEnum<TEnum>(ordinal);
}
