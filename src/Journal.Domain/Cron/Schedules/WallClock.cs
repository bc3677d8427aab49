namespace Journal.Domain.Cron.Schedules;

/// <summary>Maps wall-clock minutes of a zone to instants, with the daylight-saving rules of <see cref="CronSchedule"/>.</summary>
internal static class WallClock
{
    /// <summary>
    /// A stretch of wall-clock time the clock passes twice: from <see cref="Start"/> (inclusive) to
    /// <see cref="End"/> (exclusive), first at <see cref="FirstOffset"/>, then at <see cref="SecondOffset"/>.
    /// </summary>
    public readonly record struct Overlap(DateTime Start, DateTime End, TimeSpan FirstOffset, TimeSpan SecondOffset);

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
    /// The instants at which the zone's clock reads the valid wall-clock minute <paramref name="wall"/>, in
    /// order: two for a minute that happens twice (summer time first), otherwise one.
    /// </summary>
    public static IEnumerable<DateTimeOffset> Readings(TimeZoneInfo zone, DateTime wall)
    {
        if (!zone.IsAmbiguousTime(wall))
        {
            yield return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            yield break;
        }

        TimeSpan[] offsets = zone.GetAmbiguousTimeOffsets(wall);
        yield return new DateTimeOffset(wall, offsets.Max());
        yield return new DateTimeOffset(wall, offsets.Min());
    }

    /// <summary>
    /// The overlap whose first pass holds <paramref name="local"/> (an instant with the zone's offset), or
    /// <see langword="null"/> when it lies in no overlap or in a second pass.
    /// </summary>
    public static Overlap? FirstPassOfOverlap(TimeZoneInfo zone, DateTimeOffset local)
    {
        DateTime wall = FloorToMinute(local.DateTime);
        if (!zone.IsAmbiguousTime(wall))
            return null;
        TimeSpan[] offsets = zone.GetAmbiguousTimeOffsets(wall);
        TimeSpan first = offsets.Max();
        TimeSpan second = offsets.Min();
        if (local.Offset != first)
            return null;
        DateTime end = FirstMinuteAfter(zone, wall, inGap: false);
        return new Overlap(end - (first - second), end, first, second);
    }

    /// <summary>First valid wall-clock minute after the gap that holds <paramref name="wall"/>.</summary>
    private static DateTime FirstValidAfterGap(TimeZoneInfo zone, DateTime wall) => FirstMinuteAfter(zone, wall, inGap: true);

    /// <summary>
    /// First wall-clock minute after <paramref name="wall"/> outside the gap (or overlap) that holds it:
    /// gallops forward by doubling steps until a minute outside, then bisects back to the stretch's end. A
    /// few probes instead of a walk over every minute; sound because such stretches are hours long and
    /// months apart.
    /// </summary>
    private static DateTime FirstMinuteAfter(TimeZoneInfo zone, DateTime wall, bool inGap)
    {
        long inside = 0;
        long step = 1;
        while (Inside(zone, wall.AddMinutes(step), inGap) && step < 4 * 24 * 60)
        {
            inside = step;
            step *= 2;
        }

        long outside = step;
        while (outside - inside > 1)
        {
            long mid = inside + ((outside - inside) / 2);
            if (Inside(zone, wall.AddMinutes(mid), inGap))
                inside = mid;
            else
                outside = mid;
        }

        return wall.AddMinutes(outside);
    }

    private static bool Inside(TimeZoneInfo zone, DateTime wall, bool inGap) =>
        inGap ? zone.IsInvalidTime(wall) : zone.IsAmbiguousTime(wall);
}
