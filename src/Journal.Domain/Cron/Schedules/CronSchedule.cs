using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Schedules;

/// <summary>
/// A cron expression read in a time zone. The expression matches wall-clock minutes in the zone; each
/// matching minute becomes one instant, and a job fires at the distinct instants, in order.
/// </summary>
/// <remarks>
/// <para>Daylight saving (see <c>docs/cron.md</c>):</para>
/// <list type="bullet">
/// <item><description><b>Gap</b> (spring forward): a matching wall-clock minute that does not exist runs
/// once, at the first valid minute after the gap (02:30 in Europe/Prague on the spring-forward day runs at
/// 03:00 CEST). Several matching minutes in one gap, and a match on the first minute after it, all map to
/// that same instant and run once.</description></item>
/// <item><description><b>Overlap</b> (fall back): a matching wall-clock minute that happens twice runs once,
/// at its first occurrence (the earlier instant, still on summer time). This holds for every minute, so an
/// hourly or minute-stepped expression does not run during the repeated hour: <c>0 * * * *</c> in
/// Europe/Prague runs at 02:00 CEST and then at 03:00 CET, two hours apart.</description></item>
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
        DateTime wall = after.UtcDateTime.Year < 2
            ? new DateTime(2, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(-1)
            : TimeZoneInfo.ConvertTime(after, zone).DateTime;
        DateTime from = WallClock.FloorToMinute(wall).AddMinutes(1);

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

    /// <inheritdoc/>
    public override void Validate(DateTimeOffset now)
    {
        if (NextAfter(now) is null)
            throw new ValidationException("schedule", $"cron expression '{Expression}' never fires (no date matches, such as February 30)");
    }

    /// <summary>The expression and its zone, as in <c>0 9 * * 1-5 Europe/Prague</c>.</summary>
    public override string ToString() => $"{Expression} {Zone}";
}
