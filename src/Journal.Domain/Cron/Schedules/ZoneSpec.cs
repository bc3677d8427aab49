using System.Text.Json.Serialization;
using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Schedules;

/// <summary>Which kind of time zone a cron schedule runs in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ZoneKind>))]
public enum ZoneKind
{
    /// <summary>Coordinated Universal Time: no daylight saving.</summary>
    Utc,

    /// <summary>The time zone of the machine the journal runs on.</summary>
    Local,

    /// <summary>A named IANA time zone such as <c>Europe/Prague</c>.</summary>
    Named,
}

/// <summary>
/// The time zone a cron expression is read in: UTC, the machine's local zone, or a named IANA zone.
/// Named zones are checked against the system's time zone database when the spec is made.
/// </summary>
public sealed record ZoneSpec
{
    /// <summary>Longest IANA id accepted (the longest real one is about 30 characters).</summary>
    public const int MaxIdLength = 64;

    /// <summary>The text form of <see cref="ZoneKind.Local"/>.</summary>
    public const string LocalId = "local";

    /// <summary>The text form of <see cref="ZoneKind.Utc"/>.</summary>
    public const string UtcId = "UTC";

    private ZoneSpec(ZoneKind kind, string id, TimeZoneInfo timeZone)
    {
        Kind = kind;
        Id = id;
        TimeZone = timeZone;
    }

    /// <summary>UTC.</summary>
    public static ZoneSpec Utc { get; } = new(ZoneKind.Utc, UtcId, TimeZoneInfo.Utc);

    /// <summary>Which kind of zone.</summary>
    public ZoneKind Kind { get; }

    /// <summary><c>UTC</c>, <c>local</c> or the IANA id; <see cref="Parse"/> reads it back.</summary>
    public string Id { get; }

    /// <summary>The resolved zone the wall-clock times are read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// The machine's local zone. The host passes <see cref="TimeZoneInfo.Local"/>; tests pass any zone
    /// to stand in for "the machine's", so domain code never reads the machine setting itself.
    /// </summary>
    public static ZoneSpec Local(TimeZoneInfo machineZone)
    {
        ArgumentNullException.ThrowIfNull(machineZone);
        return new(ZoneKind.Local, LocalId, machineZone);
    }

    /// <summary>A named IANA zone such as <c>Europe/Prague</c>.</summary>
    /// <exception cref="ValidationException">On field <c>schedule</c>, when the id is malformed or unknown.</exception>
    public static ZoneSpec Named(string ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId))
            throw new ValidationException("schedule", "time zone: the id is empty; expected an IANA id such as 'Europe/Prague'");
        if (ianaId.Length > MaxIdLength)
            throw new ValidationException("schedule", $"time zone: the id is {ianaId.Length} characters long, over the limit of {MaxIdLength}");

        // The id becomes a path into the zone database on Linux: refuse anything that is not an id.
        if (!ianaId.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
            || ianaId.StartsWith('/') || ianaId.EndsWith('/') || ianaId.Contains("//", StringComparison.Ordinal))
        {
            throw new ValidationException("schedule", $"time zone: '{ianaId}' is not an IANA id such as 'Europe/Prague'");
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(ianaId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ValidationException("schedule", $"time zone: '{ianaId}' is not a known IANA time zone");
        }

        return new(ZoneKind.Named, ianaId, zone);
    }

    /// <summary>
    /// Reads the text form: <c>UTC</c> (any case), <c>local</c> (any case, resolved to
    /// <paramref name="machineZone"/>), or an IANA id.
    /// </summary>
    /// <exception cref="ValidationException">On field <c>schedule</c>, when the zone is unknown.</exception>
    public static ZoneSpec Parse(string text, TimeZoneInfo machineZone)
    {
        if (string.Equals(text, UtcId, StringComparison.OrdinalIgnoreCase))
            return Utc;
        if (string.Equals(text, LocalId, StringComparison.OrdinalIgnoreCase))
            return Local(machineZone);
        return Named(text);
    }

    /// <summary>The text form, <see cref="Id"/>.</summary>
    public override string ToString() => Id;
}
