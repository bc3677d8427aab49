using Journal.Api.Endpoints.Queries;
using Journal.Domain.ToolJobs;
using Journal.Projections.Querying;
using Journal.Projections.ToolJobs;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.ToolJobs;

/// <summary>The tool jobs read model: list by status and session, one job with its output tail, time travel.</summary>
internal static class ToolJobQueryEndpoints
{
    public static void MapToolJobQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/tool-jobs", FeatureTags.ToolJobs);
        group.MapGet("/", ListToolJobs).WithName(nameof(ListToolJobs));
        group.MapGet("/{jobId}", GetToolJob).WithName(nameof(GetToolJob));
        group.MapGet("/{jobId}/at", GetToolJobAt).WithName(nameof(GetToolJobAt));
    }

    /// <summary>List tool jobs</summary>
    /// <remarks>
    /// Newest queued first. Filters: <c>status</c> (<c>Queued</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c>,
    /// <c>Cancelled</c>, <c>TimedOut</c>) and <c>sessionId</c>. Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<ToolJobRow>>> ListToolJobs(
        IMediator mediator, CancellationToken ct, string? status = null, Guid? sessionId = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListToolJobsQuery(QueryInput.Enum<ToolJobStatus>(status, "status"), sessionId, cursor, limit, minPosition), ct));

    /// <summary>Get a tool job and its output tail</summary>
    /// <remarks>
    /// The job, the newest chunks of its current attempt's output (oldest first) and their size, with the job's
    /// stream version it reflects as <c>ETag</c>. Answers from the read model alone (it does not wait unless given <c>minPosition</c>), with <c>ETag</c> and
    /// <c>X-Journal-Position</c> from the row.
    /// </remarks>
    internal static async Task<Ok<ToolJobView>> GetToolJob(Guid jobId, HttpContext http, IMediator mediator, CancellationToken ct, long? minPosition = null)
    {
        var job = await mediator.Send(new GetToolJobQuery(jobId, minPosition), ct);
        ReadModelHeaders.Set(http, job.Job.StreamVersion, job.Job.LastPosition);
        return TypedResults.Ok(job);
    }

    /// <summary>Read a tool job as it was</summary>
    /// <remarks>
    /// Time travel, with the output tail as it was: folds the job's stream up to <c>version</c> (its stream version)
    /// and/or <c>position</c> (a tape position); neither gives the current state. 404 when it did not exist yet at
    /// that point.
    /// </remarks>
    internal static async Task<Ok<ToolJobView>> GetToolJobAt(Guid jobId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetToolJobAtQuery(jobId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));
}
