using System.Globalization;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>The run history of one job, newest record first: runs and ticks that did not run.</summary>
/// <param name="Cursor">The <see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to <see cref="PageCursor.MaxLimit"/> (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListCronRunsQuery(Guid JobId, string? Cursor = null, int? Limit = null, long? MinPosition = null) : IRequest<Page<CronRunView>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CronProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListCronRunsQuery"/>.</summary>
public sealed class ListCronRunsHandler(ReadModelStore readModels) : IRequestHandler<ListCronRunsQuery, Page<CronRunView>>
{
    private const string Listing = "cron-runs";

    /// <inheritdoc />
    public Task<Page<CronRunView>> Handle(ListCronRunsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var after = PageCursor.Decode(request.Cursor, Listing, 1);
        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(
            connection,
            CronSql.SelectRuns,
            CronSql.ReadRun,
            ("$job_id", ReadModelValues.Id(request.JobId)),
            ("$after_seq", after is null ? null : PageCursor.Long(after[0])),
            ("$limit", limit + 1));
        return Task.FromResult(ReadModelQueries.ToPage(rows, limit, Listing, r => [r.RecordSeq.ToString(CultureInfo.InvariantCulture)]));
    }
}
