using Journal.Domain.Errors;
using Journal.Domain.Cron.Schedules;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>One job and a preview of its next fire times.</summary>
/// <param name="Preview">How many next fire times to list (0 to 100; 5 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetCronJobQuery(Guid JobId, int? Preview = null, long? MinPosition = null) : IRequest<CronJobDetail>, IReadModelQuery
{
    /// <summary>Most fire times a preview lists.</summary>
    public const int MaxPreview = 100;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CronProjection.ProjectionName];
}

/// <summary>A job with its coming fire times.</summary>
/// <param name="Job">The job.</param>
/// <param name="NextRuns">
/// Its next ticks from its next due tick on (before jitter), as the schedule computes them; empty when it
/// is disabled or its schedule has ended.
/// </param>
public sealed record CronJobDetail(CronJobView Job, IReadOnlyList<DateTimeOffset> NextRuns);

/// <summary>Handles <see cref="GetCronJobQuery"/>.</summary>
public sealed class GetCronJobHandler(ReadModelStore readModels, TimeProvider time) : IRequestHandler<GetCronJobQuery, CronJobDetail>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>cron_job.not_found</c>.</exception>
    /// <exception cref="ValidationException">Preview out of range.</exception>
    public Task<CronJobDetail> Handle(GetCronJobQuery request, CancellationToken cancellationToken)
    {
        var count = request.Preview ?? 5;
        if (count is < 0 or > GetCronJobQuery.MaxPreview)
        {
            throw new ValidationException("preview", $"must be between 0 and {GetCronJobQuery.MaxPreview}");
        }

        using var connection = readModels.OpenReader();
        var job = ReadModelQueries.Row(connection, CronSql.SelectJob, CronSql.ReadJob, ("$job_id", ReadModelValues.Id(request.JobId)))
            ?? throw new NotFoundException("cron_job", ReadModelValues.Id(request.JobId));
        IReadOnlyList<DateTimeOffset> next = [];
        if (job.NextDueAt is { } due && count > 0)
        {
            Schedule schedule = job.Definition.Schedule.ToSchedule(time.LocalTimeZone);
            next = [due, .. schedule.Preview(due, count - 1)];
        }

        return Task.FromResult(new CronJobDetail(job, next));
    }
}
