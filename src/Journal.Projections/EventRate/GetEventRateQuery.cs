using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.EventRate;

/// <summary>
/// The tape's events per minute (or per bucket of minutes) over the <paramref name="Minutes"/> minutes that end with
/// the minute holding <paramref name="Until"/> (now when null), from <c>event_rate.v1</c>.
/// </summary>
/// <param name="Minutes">The window, 1 to <see cref="MaxMinutes"/> minutes; a whole number of buckets.</param>
/// <param name="BucketMinutes">Minutes per bucket, 1 to 1,440; at most <see cref="MaxBuckets"/> buckets.</param>
/// <param name="Until">A time in the window's last minute; now when null.</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetEventRateQuery(int Minutes = 60, int BucketMinutes = 1, DateTimeOffset? Until = null, long? MinPosition = null)
    : IRequest<EventRateView>, IReadModelQuery, IValidatable
{
    /// <summary>The longest window: seven days.</summary>
    public const int MaxMinutes = 7 * 24 * 60;

    /// <summary>The most buckets one answer holds.</summary>
    public const int MaxBuckets = 1440;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [EventRateProjection.ProjectionName];

    /// <inheritdoc />
    public void Validate()
    {
        if (Minutes is < 1 or > MaxMinutes)
        {
            throw new ValidationException("minutes", $"must be from 1 to {MaxMinutes}");
        }

        if (BucketMinutes is < 1 or > 1440)
        {
            throw new ValidationException("bucket", "must be from 1 to 1440 minutes");
        }

        if (Minutes % BucketMinutes != 0)
        {
            throw new ValidationException("minutes", "must be a whole number of buckets");
        }

        if (Minutes / BucketMinutes > MaxBuckets)
        {
            throw new ValidationException("bucket", $"too small for the window: at most {MaxBuckets} buckets");
        }

        if (Until is { } until && until.ToUnixTimeMilliseconds() < 0)
        {
            throw new ValidationException("until", "must not be before 1970");
        }
    }
}

/// <summary>Handles <see cref="GetEventRateQuery"/>: one grouped read of at most the window's minutes.</summary>
public sealed class GetEventRateHandler(ReadModelStore readModels, TimeProvider time) : IRequestHandler<GetEventRateQuery, EventRateView>
{
    /// <inheritdoc />
    public Task<EventRateView> Handle(GetEventRateQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var last = (request.Until ?? time.GetUtcNow()).ToUnixTimeMilliseconds() / EventRateRows.MinuteMs;
        var from = last + 1 - request.Minutes;
        var counts = new long[request.Minutes / request.BucketMinutes];
        using (var connection = readModels.OpenReader())
        {
            foreach (var (slot, events) in ReadModelQueries.Rows(
                connection,
                EventRateRows.SelectBuckets,
                r => (r.GetInt64(0), r.GetInt64(1)),
                ("$from", from),
                ("$to", last + 1),
                ("$bucket", request.BucketMinutes)))
            {
                counts[slot] = events;
            }
        }

        var buckets = counts.Select((events, i) => new EventRateBucket(MinuteAt(from + ((long)i * request.BucketMinutes)), events)).ToList();
        return Task.FromResult(new EventRateView(MinuteAt(from), MinuteAt(last + 1), request.BucketMinutes, counts.Sum(), buckets));
    }

    private static DateTimeOffset MinuteAt(long minute) => DateTimeOffset.FromUnixTimeMilliseconds(minute * EventRateRows.MinuteMs);
}
