using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>The runs started and not finished, of every job, the nearest timeout first.</summary>
/// <param name="Limit">At most this many, 1 to <see cref="PageCursor.MaxLimit"/> (500 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListActiveCronRunsQuery(int? Limit = null, long? MinPosition = null) : IRequest<IReadOnlyList<CronRunView>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CronProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListActiveCronRunsQuery"/>.</summary>
public sealed class ListActiveCronRunsHandler(ReadModelStore readModels) : IRequestHandler<ListActiveCronRunsQuery, IReadOnlyList<CronRunView>>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<CronRunView>> Handle(ListActiveCronRunsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit, PageCursor.MaxLimit);
        using var connection = readModels.OpenReader();
        IReadOnlyList<CronRunView> rows = Shared.ReadModelQueries.Rows(connection, CronSql.SelectActiveRuns, CronSql.ReadRun, ("$limit", limit));
        return Task.FromResult(rows);
    }
}
