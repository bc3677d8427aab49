namespace Journal.Domain.Tests.Cron;

/// <summary>
/// Brute-force reference for the next fire time, for the property tests only. It works the other way
/// round from the library: it walks UTC minute by minute and reads the zone's wall clock at each. A
/// wildcard expression fires at every UTC minute whose wall clock matches (by elapsed time: a minute a
/// gap skips is never read, a repeated minute is read twice). A fixed-time expression fires at the first
/// UTC minute at which the wall clock reaches or passes a matching wall-clock minute it has not reached
/// before: a minute skipped by a gap fires when the clock jumps past it, and a repeated minute fires only
/// when first reached. Those two rules are the documented daylight-saving behaviour.
/// </summary>
internal static class CronReference
{
    /// <summary>The next fire time strictly after <paramref name="after"/> within <paramref name="span"/>, or null.</summary>
    public static DateTimeOffset? NextAfter(Func<DateTime, bool> matches, bool wildcard, TimeZoneInfo zone, DateTimeOffset after, TimeSpan span)
    {
        DateTime afterUtc = after.UtcDateTime;
        DateTime start = new DateTime(afterUtc.Ticks - (afterUtc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddHours(-3);
        DateTime end = afterUtc + span;
        if (wildcard)
        {
            for (DateTime utc = start.AddHours(3).AddMinutes(1); utc <= end; utc = utc.AddMinutes(1))
            {
                if (matches(TimeZoneInfo.ConvertTimeFromUtc(utc, zone)))
                    return new DateTimeOffset(utc);
            }

            return null;
        }

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
