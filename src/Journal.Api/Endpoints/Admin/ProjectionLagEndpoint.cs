using Journal.Projections.Lag;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Admin;

/// <summary>The projections' lag over the last hour, as sampled by the service.</summary>
internal static class ProjectionLagEndpoint
{
    /// <summary>Read the projections' lag over the last hour</summary>
    /// <remarks>
    /// Every projection's lag (events and milliseconds behind the head, and its state) as sampled every 15 seconds
    /// over the last <c>minutes</c> minutes (1 to 60, default 60), oldest first. The samples are kept in memory: the
    /// list is empty right after the service starts.
    /// </remarks>
    internal static async Task<Ok<ProjectionLagHistory>> ReadProjectionLag(IMediator mediator, CancellationToken ct, int? minutes = null) =>
        TypedResults.Ok(await mediator.Send(new GetProjectionLagHistoryQuery(minutes ?? 60), ct));
}
