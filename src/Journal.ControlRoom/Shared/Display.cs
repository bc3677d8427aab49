using System.Globalization;

namespace Journal.ControlRoom.Shared;

/// <summary>How times and numbers read on every page: UTC, ISO-like, invariant.</summary>
public static class Display
{
    /// <summary>A time as <c>2026-01-31 12:00:00 UTC</c>.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>An optional time, or a dash.</summary>
    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "–";

    /// <summary>A tape time (unix milliseconds).</summary>
    public static string UnixMs(long ms) => Time(DateTimeOffset.FromUnixTimeMilliseconds(ms));

    /// <summary>A whole number with group separators.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// An id shortened for tables: its last eight hex digits after an ellipsis. Not its first: the journal's ids are
    /// version 7, whose first digits are the time, shared by every id made in the same minute; the last are random.
    /// </summary>
    public static string Id(Guid id) => "…" + id.ToString("N")[^8..];

    /// <summary>The first characters of a hex hash, for tables.</summary>
    public static string Short(string hex, int length = 12) => hex.Length <= length ? hex : hex[..length] + "…";
}
