using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Schedules;

/// <summary>
/// Fires every <see cref="Every"/>, at <see cref="Anchor"/> and each whole multiple of the interval after
/// it. Measured in elapsed time, so daylight saving does not move it.
/// </summary>
public sealed record IntervalSchedule : Schedule
{
    /// <summary>Shortest interval.</summary>
    public static readonly TimeSpan MinEvery = TimeSpan.FromSeconds(1);

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ValidationException">On field <c>schedule</c>, when the interval is shorter than one second.</exception>
    public IntervalSchedule(TimeSpan every, DateTimeOffset anchor)
    {
        if (every < MinEvery)
            throw new ValidationException("schedule", $"interval must be at least 1 second, was {every}");
        Every = every;
        Anchor = anchor;
    }

    /// <summary>The interval.</summary>
    public TimeSpan Every { get; }

    /// <summary>The first fire time; the others follow at whole multiples of the interval.</summary>
    public DateTimeOffset Anchor { get; }

    /// <inheritdoc/>
    /// <remarks>Before the anchor, the anchor itself; returned with the anchor's offset.</remarks>
    public override DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (after < Anchor)
            return Anchor;
        long elapsed = after.UtcTicks - Anchor.UtcTicks;
        long intervals = (elapsed / Every.Ticks) + 1;
        long room = Math.Min(DateTimeOffset.MaxValue.UtcTicks - Anchor.UtcTicks, DateTime.MaxValue.Ticks - Anchor.Ticks);
        return intervals > room / Every.Ticks ? null : Anchor.AddTicks(intervals * Every.Ticks);
    }

    /// <inheritdoc/>
    /// <remarks>Every interval schedule has a next fire time, so there is nothing to refuse.</remarks>
    public override void Validate(DateTimeOffset now)
    {
    }

    /// <summary>As in <c>every 01:00:00 from 2025-01-01T00:00:00.0000000+00:00</c>.</summary>
    public override string ToString() => $"every {Every:c} from {Anchor:O}";
}
