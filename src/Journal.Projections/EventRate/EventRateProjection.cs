using System.Globalization;
using Journal.Projections.Runtime;

namespace Journal.Projections.EventRate;

/// <summary>
/// <c>event_rate.v1</c>: the tape's events per minute, one row per minute that has events, in
/// <c>event_rate_v1_minutes</c>. It sees every event undecoded (<see cref="IEveryEventProjection"/>) and reads only
/// its time, so the pictures of the control room never scan the tape. A minute's count is kept in the writer's
/// cache and written once per batch (a deferred upsert keyed by the minute), so an event costs a dictionary
/// lookup, not a statement.
/// </summary>
public sealed class EventRateProjection : IEveryEventProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "event_rate.v1";

    private const string CacheName = "event_rate_v1_minutes";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <summary>None: an <see cref="IEveryEventProjection"/> is handed every event without a filter.</summary>
    public IReadOnlyCollection<string> EventTypes { get; } = [];

    /// <inheritdoc />
    public void Create(ReadModelWriter db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ExecuteScript(EventRateRows.Create);
    }

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(e);
        var minute = Math.DivRem(e.RecordedAt, EventRateRows.MinuteMs, out var rest) - (rest < 0 ? 1 : 0);
        var cache = db.Cache<long, MinuteCount>(CacheName);
        if (!cache.TryGet(minute, out var count))
        {
            count = new MinuteCount(minute.ToString(CultureInfo.InvariantCulture), db.Scalar<long?>(EventRateRows.SelectMinute, ("$minute", minute)) ?? 0);
        }

        var next = count with { Events = count.Events + 1 };
        db.Upsert(EventRateRows.Upsert, next.Key, [("$minute", minute), ("$events", next.Events)]);
        cache.Set(minute, next);
    }

    /// <summary>A minute's count as last written, with the minute as the deferred upsert's key.</summary>
    private sealed record MinuteCount(string Key, long Events);
}
