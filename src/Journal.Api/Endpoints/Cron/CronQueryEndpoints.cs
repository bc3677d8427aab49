using Journal.Projections.Cron;
using Journal.Projections.Querying;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Cron;

/// <summary>The cron read model: jobs, one job with its next runs, run history, active runs, scheduler health.</summary>
internal static class CronQueryEndpoints
{
    public static void MapCronQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/cron", FeatureTags.Cron);
        group.MapGet("/jobs", ListCronJobs).WithName(nameof(ListCronJobs));
        group.MapGet("/jobs/{jobId}", GetCronJob).WithName(nameof(GetCronJob));
        group.MapGet("/jobs/{jobId}/runs", ListCronRuns).WithName(nameof(ListCronRuns));
        group.MapGet("/runs/active", ListActiveCronRuns).WithName(nameof(ListActiveCronRuns));
        group.MapGet("/runs/{runId}", GetCronRun).WithName(nameof(GetCronRun));
        group.MapGet("/health", GetCronHealth).WithName(nameof(GetCronHealth));
    }

    /// <summary>List cron jobs</summary>
    /// <remarks>
    /// The next to run first, deleted jobs left out. Filters: <c>owner</c>, <c>enabled</c>, <c>dueBefore</c> (ISO
    /// 8601). Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<CronJobView>>> ListCronJobs(
        IMediator mediator,
        CancellationToken ct,
        string? owner = null,
        bool? enabled = null,
        DateTimeOffset? dueBefore = null,
        string? cursor = null,
        int? limit = null,
        long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListCronJobsQuery(owner, enabled, dueBefore, cursor, limit, minPosition), ct));

    /// <summary>Get a cron job and its next runs</summary>
    /// <remarks>
    /// The job and its next <c>preview</c> ticks (0 to 100, default 5), from its next due tick on.
    /// </remarks>
    internal static async Task<Ok<CronJobDetail>> GetCronJob(Guid jobId, IMediator mediator, CancellationToken ct, int? preview = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetCronJobQuery(jobId, preview, minPosition), ct));

    /// <summary>List a cron job's runs</summary>
    /// <remarks>
    /// Run records, newest first, ticks that did not run included (with the reason). Paged with <c>cursor</c> and
    /// <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<CronRunView>>> ListCronRuns(Guid jobId, IMediator mediator, CancellationToken ct, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListCronRunsQuery(jobId, cursor, limit, minPosition), ct));

    /// <summary>List the active cron runs</summary>
    /// <remarks>
    /// The active runs of every job, nearest timeout first, at most <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<IReadOnlyList<CronRunView>>> ListActiveCronRuns(IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListActiveCronRunsQuery(limit, minPosition), ct));

    /// <summary>Get a cron run</summary>
    /// <remarks>
    /// One run record: its job, tick, attempt, trigger, status, reason, error and times.
    /// </remarks>
    internal static async Task<Ok<CronRunView>> GetCronRun(Guid runId, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetCronRunQuery(runId, minPosition), ct));

    /// <summary>Read the scheduler's health</summary>
    /// <remarks>
    /// The due backlog, stale runs, jobs in review, active runs, enabled jobs and the next wake-up. A
    /// <c>dueBacklog</c> that stays above 0 means the scheduler is not running or is behind.
    /// </remarks>
    internal static async Task<Ok<CronHealth>> GetCronHealth(IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetCronHealthQuery(minPosition), ct));
}
