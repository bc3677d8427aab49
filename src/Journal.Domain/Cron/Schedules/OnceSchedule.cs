using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Schedules;

/// <summary>Fires once, at <see cref="At"/>.</summary>
public sealed record OnceSchedule : Schedule
{
    /// <summary>Creates the schedule. Whether <paramref name="at"/> is still ahead is for <see cref="Validate"/>.</summary>
    public OnceSchedule(DateTimeOffset at) => At = at;

    /// <summary>The one fire time.</summary>
    public DateTimeOffset At { get; }

    /// <inheritdoc/>
    public override DateTimeOffset? NextAfter(DateTimeOffset after) => At > after ? At : null;

    /// <inheritdoc/>
    /// <remarks>A new one-shot job must fire strictly after <paramref name="now"/>.</remarks>
    public override void Validate(DateTimeOffset now)
    {
        if (At <= now)
            throw new ValidationException("schedule", $"one-shot time {At:O} is not in the future (now {now:O})");
    }

    /// <summary>As in <c>once at 2025-01-01T00:00:00.0000000+00:00</c>.</summary>
    public override string ToString() => $"once at {At:O}";
}
