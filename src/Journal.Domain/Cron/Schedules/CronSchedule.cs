using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Schedules;

/// <summary>
/// A cron expression read in a time zone. The expression matches wall-clock minutes in the zone; each
/// matching minute becomes one instant, and a job fires at the distinct instants, in order.
/// </summary>
/// <remarks>
/// <para>Daylight saving follows Vixie cron (see <c>docs/cron.md</c>), by the kind of expression:</para>
/// <list type="bullet">
/// <item><description><b>Fixed-time</b> (neither minute nor hour starts with <c>*</c>, as <c>30 1 * * *</c>)
/// runs once per wall-clock minute. In a <b>gap</b> (spring forward) a matching minute that does not exist
/// runs once, at the first valid minute after the gap (02:30 in Europe/Prague on the spring-forward day runs
/// at 03:00 CEST); several matching minutes in one gap, and a match on the first minute after it, run once.
/// In an <b>overlap</b> (fall back) a matching minute that happens twice runs at its first occurrence only
/// (the earlier instant, still on summer time).</description></item>
/// <item><description><b>Wildcard</b> (<see cref="CronExpression.IsWildcard"/>: minute or hour starts with
/// <c>*</c>, as <c>0 * * * *</c> or <c>*/30 1 * * *</c>) runs by elapsed time: at every instant at which the
/// zone's wall clock reads a matching minute. A minute a gap skips is never read and does not run; a repeated
/// minute is read twice and runs twice, so <c>0 * * * *</c> in America/New_York on 2027-11-07 runs at 05:00Z,
/// 06:00Z and 07:00Z, an hour apart.</description></item>
/// </list>
/// <para>Instants are returned with the zone's UTC offset at that instant.</para>
/// </remarks>
public sealed record CronSchedule : Schedule
{
    /// <summary>Creates the schedule.</summary>
    public CronSchedule(CronExpression expression, ZoneSpec zone)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(zone);
        Expression = expression;
        Zone = zone;
    }

    /// <summary>The cron expression.</summary>
    public CronExpression Expression { get; }

    /// <summary>The zone its wall-clock times are read in.</summary>
    public ZoneSpec Zone { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// Searches the years 2 to 9998: an earlier <paramref name="after"/> searches from the start of year 2,
    /// a later one has no next fire time.
    /// </remarks>
    public override DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        TimeZoneInfo zone = Zone.TimeZone;
        if (after.UtcDateTime.Year > 9998)
            return null;
        bool beforeSearch = after.UtcDateTime.Year < 2;
        DateTimeOffset local = beforeSearch ? after : TimeZoneInfo.ConvertTime(after, zone);
        DateTime wall = beforeSearch
            ? new DateTime(2, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(-1)
            : local.DateTime;
        DateTime from = WallClock.FloorToMinute(wall).AddMinutes(1);
        if (!Expression.IsWildcard)
            return NextOncePerWallClockMinute(zone, after, from);
        if (!beforeSearch && WallClock.FirstPassOfOverlap(zone, local) is { } overlap)
            return NextFromFirstPass(zone, after, from, overlap);
        return NextByElapsedTime(zone, after, from);
    }

    private DateTimeOffset? NextOncePerWallClockMinute(TimeZoneInfo zone, DateTimeOffset after, DateTime from)
    {
        // Usually the first match is the answer. It is not when `after` lies in the second pass of a
        // fall-back overlap: the repeated minutes ahead of it already fired at their first occurrence, which
        // is before `after`, so they are passed over; there are at most as many as minutes in the overlap.
        while (Expression.NextMatch(from) is { } match)
        {
            DateTimeOffset at = WallClock.ToInstant(zone, match);
            if (at > after)
                return at;
            from = match.AddMinutes(1);
        }

        return null;
    }

    /// <summary>
    /// A wildcard expression from anywhere but the first pass of an overlap: wall-clock order is time order
    /// from here, except that a repeated minute ahead is read twice, first on summer time.
    /// </summary>
    private DateTimeOffset? NextByElapsedTime(TimeZoneInfo zone, DateTimeOffset after, DateTime from)
    {
        while (Expression.NextMatch(from) is { } match)
        {
            // A minute in a gap is never read off the clock, so it does not run late either.
            if (!zone.IsInvalidTime(match))
            {
                foreach (DateTimeOffset at in WallClock.Readings(zone, match))
                {
                    if (at > after)
                        return at;
                }
            }

            from = match.AddMinutes(1);
        }

        return null;
    }

    /// <summary>
    /// A wildcard expression from the first pass of an overlap: the rest of the first pass comes first, then
    /// the clock goes back and the whole second pass, then the minutes after it.
    /// </summary>
    private DateTimeOffset? NextFromFirstPass(TimeZoneInfo zone, DateTimeOffset after, DateTime from, WallClock.Overlap overlap)
    {
        if (Expression.NextMatch(from) is { } rest && rest < overlap.End)
            return new DateTimeOffset(rest, overlap.FirstOffset);
        if (Expression.NextMatch(overlap.Start) is { } again && again < overlap.End)
            return new DateTimeOffset(again, overlap.SecondOffset);
        return NextByElapsedTime(zone, after, overlap.End);
    }

    /// <inheritdoc/>
    public override void Validate(DateTimeOffset now)
    {
        if (NextAfter(now) is null)
            throw new ValidationException("schedule", $"cron expression '{Expression}' never fires (no date matches, such as February 30)");
    }

    /// <summary>The expression and its zone, as in <c>0 9 * * 1-5 Europe/Prague</c>.</summary>
    public override string ToString() => $"{Expression} {Zone}";
}
