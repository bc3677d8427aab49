using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Reading;

/// <summary>How query handlers read read-model rows: one parameterised statement, rows mapped by a function.</summary>
internal static class ReadModelReading
{
    /// <summary>Runs <paramref name="sql"/> with named parameters (<c>$name</c>) and maps each row.</summary>
    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}

/// <summary>The column encodings shared by every read model: ids as lowercase <c>D</c> text, times as unix milliseconds.</summary>
internal static class Columns
{
    /// <summary>A Guid as stored.</summary>
    public static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>An optional Guid as stored.</summary>
    public static string? Id(Guid? id) => id is { } value ? Id(value) : null;

    /// <summary>A time as stored.</summary>
    public static long Time(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>An optional time as stored.</summary>
    public static long? Time(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    /// <summary>A time cut to what the column keeps (whole milliseconds, UTC), so that folds in memory equal rows read back.</summary>
    public static DateTimeOffset Millis(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    /// <summary>Reads a Guid column.</summary>
    public static Guid GetId(this SqliteDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    /// <summary>Reads a nullable Guid column.</summary>
    public static Guid? GetOptionalId(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetId(ordinal);

    /// <summary>Reads a nullable text column.</summary>
    public static string? GetOptionalString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Reads a time column.</summary>
    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <summary>Reads a nullable time column.</summary>
    public static DateTimeOffset? GetOptionalTime(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    /// <summary>Reads an enum stored by name.</summary>
    public static TEnum GetEnum<TEnum>(this SqliteDataReader reader, int ordinal) where TEnum : struct, Enum => Enum.Parse<TEnum>(reader.GetString(ordinal));

    /// <summary>Reads a nullable enum stored by name.</summary>
    public static TEnum? GetOptionalEnum<TEnum>(this SqliteDataReader reader, int ordinal) where TEnum : struct, Enum => reader.IsDBNull(ordinal) ? null : reader.GetEnum<TEnum>(ordinal);
}
