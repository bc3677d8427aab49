using System.Globalization;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>Lists jobs, the next to run first (jobs with no next run last); deleted jobs are left out.</summary>
/// <param name="Owner">Only jobs of this owner, when given.</param>
/// <param name="Enabled">Only enabled (true) or not enabled (false) jobs, when given.</param>
/// <param name="DueBefore">Only jobs whose next run is at or before this time, when given.</param>
/// <param name="Cursor">The <see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to <see cref="PageCursor.MaxLimit"/> (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListCronJobsQuery(
    string? Owner = null,
    bool? Enabled = null,
    DateTimeOffset? DueBefore = null,
    string? Cursor = null,
    int? Limit = null,
    long? MinPosition = null) : IRequest<Page<CronJobView>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CronProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListCronJobsQuery"/>.</summary>
public sealed class ListCronJobsHandler(ReadModelStore readModels) : IRequestHandler<ListCronJobsQuery, Page<CronJobView>>
{
    private const string Listing = "cron-jobs";

    /// <inheritdoc />
    /// <exception cref="Domain.Errors.ValidationException">A bad cursor or limit.</exception>
    public Task<Page<CronJobView>> Handle(ListCronJobsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var after = PageCursor.Decode(request.Cursor, Listing, 2);
        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(
            connection,
            CronSql.SelectJobs,
            r => (Job: CronSql.ReadJob(r), Sort: r.GetInt64(3)),
            ("$owner", request.Owner),
            ("$enabled", request.Enabled),
            ("$due_before", ReadModelValues.Ms(request.DueBefore)),
            ("$after_sort", after is null ? null : PageCursor.Long(after[0])),
            ("$after_job_id", after?[1]),
            ("$limit", limit + 1));
        var page = ReadModelQueries.ToPage(rows, limit, Listing, j =>
            [j.Sort.ToString(CultureInfo.InvariantCulture), ReadModelValues.Id(j.Job.JobId)]);
        return Task.FromResult(new Page<CronJobView>([.. page.Items.Select(j => j.Job)], page.NextCursor));
    }
}
