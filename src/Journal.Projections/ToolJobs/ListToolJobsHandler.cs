using Journal.Domain.ToolJobs;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.ToolJobs;

/// <summary>Lists tool jobs, newest queued first, optionally only those in one status and/or of one session.</summary>
/// <param name="Status">Only jobs in this status, when given.</param>
/// <param name="SessionId">Only jobs of this session, when given.</param>
/// <param name="Cursor">The <see cref="Page{T}.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Rows per page, 1 to <see cref="PageCursor.MaxLimit"/> (50 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListToolJobsQuery(
    ToolJobStatus? Status = null,
    Guid? SessionId = null,
    string? Cursor = null,
    int? Limit = null,
    long? MinPosition = null) : IRequest<Page<ToolJobRow>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [ToolJobsProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListToolJobsQuery"/>.</summary>
public sealed class ListToolJobsHandler(ReadModelStore readModels) : IRequestHandler<ListToolJobsQuery, Page<ToolJobRow>>
{
    private const string Listing = "tooljobs";

    /// <inheritdoc />
    /// <exception cref="Domain.Errors.ValidationException">A bad cursor, limit or status.</exception>
    public Task<Page<ToolJobRow>> Handle(ListToolJobsQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit);
        var after = PageCursor.Decode(request.Cursor, Listing, 2);
        if (request.Status is { } status && !Enum.IsDefined(status))
        {
            throw new Domain.Errors.ValidationException("status", "is not a known tool job status");
        }

        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(
            connection,
            ToolJobSql.SelectJobs,
            ToolJobSql.ReadJob,
            ("$status", request.Status?.ToString()),
            ("$session_id", ReadModelValues.Id(request.SessionId)),
            ("$after_queued_at", after is null ? null : PageCursor.Long(after[0])),
            ("$after_job_id", after?[1]),
            ("$limit", limit + 1));
        return Task.FromResult(ReadModelQueries.ToPage(rows, limit, Listing, j => [ReadModelValues.Ms(j.QueuedAt).ToString(System.Globalization.CultureInfo.InvariantCulture), ReadModelValues.Id(j.JobId)]));
    }
}
