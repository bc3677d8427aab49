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
        var group = app.QueryGroup("/v1/cron", "Cron");
        group.MapGet("/jobs", ListCronJobs).WithName(nameof(ListCronJobs));
        group.MapGet("/jobs/{jobId}", GetCronJob).WithName(nameof(GetCronJob));
        group.MapGet("/jobs/{jobId}/runs", ListCronRuns).WithName(nameof(ListCronRuns));
        group.MapGet("/runs/active", ListActiveCronRuns).WithName(nameof(ListActiveCronRuns));
        group.MapGet("/runs/{runId}", GetCronRun).WithName(nameof(GetCronRun));
        group.MapGet("/health", GetCronHealth).WithName(nameof(GetCronHealth));
    }

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

    internal static async Task<Ok<CronJobDetail>> GetCronJob(Guid jobId, IMediator mediator, CancellationToken ct, int? preview = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetCronJobQuery(jobId, preview, minPosition), ct));

    internal static async Task<Ok<Page<CronRunView>>> ListCronRuns(Guid jobId, IMediator mediator, CancellationToken ct, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListCronRunsQuery(jobId, cursor, limit, minPosition), ct));

    internal static async Task<Ok<IReadOnlyList<CronRunView>>> ListActiveCronRuns(IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListActiveCronRunsQuery(limit, minPosition), ct));

    internal static async Task<Ok<CronRunView>> GetCronRun(Guid runId, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetCronRunQuery(runId, minPosition), ct));

    internal static async Task<Ok<CronHealth>> GetCronHealth(IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetCronHealthQuery(minPosition), ct));
}
