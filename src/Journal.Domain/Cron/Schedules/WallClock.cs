namespace Journal.Domain.Cron.Schedules;

/// <summary>Maps wall-clock minutes of a zone to instants, with the daylight-saving rules of <see cref="CronSchedule"/>.</summary>
internal static class WallClock
{
    public static DateTime FloorToMinute(DateTime wall) =>
        new(wall.Ticks - (wall.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);

    /// <summary>
    /// The instant of a wall-clock minute: a minute in a gap becomes the first valid minute after the gap;
    /// a minute that happens twice becomes its first occurrence, the one with the larger offset.
    /// </summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime wall)
    {
        if (zone.IsInvalidTime(wall))
            wall = FirstValidAfterGap(zone, wall);
        TimeSpan offset = zone.IsAmbiguousTime(wall)
            ? zone.GetAmbiguousTimeOffsets(wall).Max()
            : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset);
    }

    /// <summary>
    /// First valid wall-clock minute after the gap that holds <paramref name="wall"/>: gallops forward by
    /// doubling steps until a valid minute, then bisects back to the gap's end. A few probes instead of a
    /// walk over every minute of the gap; sound because gaps are hours long and months apart.
    /// </summary>
    private static DateTime FirstValidAfterGap(TimeZoneInfo zone, DateTime wall)
    {
        long invalid = 0;
        long step = 1;
        while (zone.IsInvalidTime(wall.AddMinutes(step)) && step < 4 * 24 * 60)
        {
            invalid = step;
            step *= 2;
        }

        long valid = step;
        while (valid - invalid > 1)
        {
            long mid = invalid + ((valid - invalid) / 2);
            if (zone.IsInvalidTime(wall.AddMinutes(mid)))
                invalid = mid;
            else
                valid = mid;
        }

        return wall.AddMinutes(valid);
    }
}
