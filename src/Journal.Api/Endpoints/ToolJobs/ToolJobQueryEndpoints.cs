using Journal.Api.Endpoints.Commands;
using Journal.Api.Endpoints.Queries;
using Journal.Domain.Tape;
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
        var group = app.QueryGroup("/v1/tool-jobs", "ToolJobs");
        group.MapGet("/", ListToolJobs).WithName(nameof(ListToolJobs));
        group.MapGet("/{jobId}", GetToolJob).WithName(nameof(GetToolJob));
        group.MapGet("/{jobId}/at", GetToolJobAt).WithName(nameof(GetToolJobAt));
    }

    internal static async Task<Ok<Page<ToolJobRow>>> ListToolJobs(
        IMediator mediator, CancellationToken ct, string? status = null, Guid? sessionId = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListToolJobsQuery(QueryInput.Enum<ToolJobStatus>(status, "status"), sessionId, cursor, limit, minPosition), ct));

    internal static async Task<Ok<ToolJobView>> GetToolJob(Guid jobId, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct, long? minPosition = null)
    {
        var mark = await StreamMark.ReadAsync(tape, ToolJobDecider.StreamFor(jobId), ct);
        var job = await mediator.Send(new GetToolJobQuery(jobId, mark.Wait(minPosition)), ct);
        http.Response.Headers.ETag = ETags.Format(job.Job.StreamVersion);
        return TypedResults.Ok(job);
    }

    internal static async Task<Ok<ToolJobView>> GetToolJobAt(Guid jobId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetToolJobAtQuery(jobId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));
}
