using System.Globalization;
using Journal.Domain.Cron.Schedules;

namespace Journal.Domain.Tests.Cron;

internal static class CronTestSupport
{
    /// <summary>Stands in for the machine's zone wherever a test says <c>local</c>.</summary>
    public static readonly TimeZoneInfo MachineZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static CronSchedule CronIn(string expression, string zone) =>
        new(CronExpression.Parse(expression), ZoneSpec.Parse(zone, MachineZone));

    public static string Utc(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "never";
}
