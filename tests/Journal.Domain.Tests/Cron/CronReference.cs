namespace Journal.Domain.Tests.Cron;

/// <summary>
/// Brute-force reference for the next fire time, for the property tests only. It works the other way
/// round from the library: it walks UTC minute by minute, reads the zone's wall clock at each, and fires
/// at the first UTC minute at which the wall clock reaches or passes a matching wall-clock minute it has
/// not reached before. That single rule is the documented daylight-saving behaviour: a minute skipped by a
/// gap fires when the clock jumps past it, and a repeated minute fires only when first reached.
/// </summary>
internal static class CronReference
{
    /// <summary>The next fire time strictly after <paramref name="after"/> within <paramref name="span"/>, or null.</summary>
    public static DateTimeOffset? NextAfter(Func<DateTime, bool> matches, TimeZoneInfo zone, DateTimeOffset after, TimeSpan span)
    {
        DateTime afterUtc = after.UtcDateTime;
        DateTime start = new DateTime(afterUtc.Ticks - (afterUtc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddHours(-3);
        DateTime end = afterUtc + span;

        // Starts three hours early so that a repeated hour that began before `after` has been seen.
        DateTime reached = TimeZoneInfo.ConvertTimeFromUtc(start, zone);
        for (DateTime utc = start.AddMinutes(1); utc <= end; utc = utc.AddMinutes(1))
        {
            DateTime wall = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
            if (wall <= reached)
                continue;
            bool fires = false;
            for (DateTime passed = reached.AddMinutes(1); passed <= wall && !fires; passed = passed.AddMinutes(1))
                fires = matches(passed);
            reached = wall;
            if (fires && utc > afterUtc)
                return new DateTimeOffset(utc);
        }

        return null;
    }
}
