using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>How the scheduler is doing, from the read model at the current time.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetCronHealthQuery(long? MinPosition = null) : IRequest<CronHealth>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CronProjection.ProjectionName];
}

/// <summary>The scheduler's health.</summary>
/// <param name="DueBacklog">Jobs due now that the scheduler has not handled yet (a growing number means it is not running or is behind).</param>
/// <param name="StaleRuns">Active runs past their timeout, not yet failed as stale.</param>
/// <param name="JobsInReview">Jobs waiting for an operator's decision after a long outage.</param>
/// <param name="ActiveRuns">Runs started and not finished.</param>
/// <param name="EnabledJobs">Jobs whose ticks run.</param>
/// <param name="NextWakeAt">When the scheduler next has something to do.</param>
/// <param name="OldestDueAt">The oldest due time not yet handled, if any.</param>
/// <param name="At">The time the answer was computed for.</param>
public sealed record CronHealth(long DueBacklog, long StaleRuns, long JobsInReview, long ActiveRuns, long EnabledJobs, DateTimeOffset? NextWakeAt, DateTimeOffset? OldestDueAt, DateTimeOffset At);

/// <summary>Handles <see cref="GetCronHealthQuery"/>.</summary>
public sealed class GetCronHealthHandler(ReadModelStore readModels, TimeProvider time) : IRequestHandler<GetCronHealthQuery, CronHealth>
{
    /// <inheritdoc />
    public Task<CronHealth> Handle(GetCronHealthQuery request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        using var connection = readModels.OpenReader();
        var health = ReadModelQueries.Row(
            connection,
            CronSql.SelectHealth,
            r => new CronHealth(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetTimeOrNull(5), r.GetTimeOrNull(6), now),
            ("$now", ReadModelValues.Ms(now)));
        return Task.FromResult(health!);
    }
}
