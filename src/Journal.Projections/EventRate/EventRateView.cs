namespace Journal.Projections.EventRate;

/// <summary>The tape's events per bucket of minutes over a window, every bucket present (empty ones count 0).</summary>
/// <param name="From">The start of the first bucket (a whole minute, UTC).</param>
/// <param name="Until">The end of the last bucket, exclusive (a whole minute, UTC).</param>
/// <param name="BucketMinutes">Minutes per bucket.</param>
/// <param name="Total">Events in the whole window.</param>
/// <param name="Buckets">The buckets, oldest first.</param>
public sealed record EventRateView(DateTimeOffset From, DateTimeOffset Until, int BucketMinutes, long Total, IReadOnlyList<EventRateBucket> Buckets);

/// <summary>One bucket of <see cref="EventRateView"/>.</summary>
/// <param name="Start">Its first minute.</param>
/// <param name="Events">Events recorded in it.</param>
public sealed record EventRateBucket(DateTimeOffset Start, long Events);
