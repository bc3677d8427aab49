using Journal.Domain.Errors;

namespace Journal.Domain.Cron.Schedules;

/// <summary>
/// When a job runs: a cron expression in a time zone (<see cref="CronSchedule"/>), a fixed interval
/// (<see cref="IntervalSchedule"/>) or one time (<see cref="OnceSchedule"/>). Pure: the current time is
/// always passed in.
/// </summary>
public abstract record Schedule
{
    /// <summary>Most fire times <see cref="Preview"/> returns at once.</summary>
    public const int MaxPreview = 1000;

    /// <summary>
    /// The first fire time strictly after <paramref name="after"/>, or <see langword="null"/> when there is
    /// none (a one-shot time that has passed, a cron expression that never matches such as Feb 30).
    /// </summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset after);

    /// <summary>
    /// Refuses a schedule that cannot be used for a new job at <paramref name="now"/>: a one-shot time not
    /// in the future, a cron expression that never fires.
    /// </summary>
    /// <exception cref="ValidationException">On field <c>schedule</c>.</exception>
    public abstract void Validate(DateTimeOffset now);

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="after"/>, strictly increasing; fewer when the schedule ends.</summary>
    /// <exception cref="ValidationException">On field <c>count</c>, when it is outside 0..<see cref="MaxPreview"/>.</exception>
    public IReadOnlyList<DateTimeOffset> Preview(DateTimeOffset after, int count)
    {
        if (count is < 0 or > MaxPreview)
            throw new ValidationException("count", $"must be between 0 and {MaxPreview}, was {count}");
        var times = new List<DateTimeOffset>(count);
        DateTimeOffset cursor = after;
        while (times.Count < count && NextAfter(cursor) is { } next)
        {
            times.Add(next);
            cursor = next;
        }

        return times;
    }
}
