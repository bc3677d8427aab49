using Journal.Projections.EventRate;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Tape;

/// <summary>The tape's events per minute, from the <c>event_rate.v1</c> read model.</summary>
internal static class EventRateEndpoint
{
    /// <summary>Read the tape's events per minute</summary>
    /// <remarks>
    /// Events recorded in each minute (or each bucket of <c>bucket</c> minutes, default 1) of the <c>minutes</c> minutes
    /// (default 60, at most 10,080: seven days; a whole number of buckets, at most 1,440 of them) that end with the
    /// minute holding <c>until</c> (default now). Every bucket is listed, oldest first, an empty one with 0. Served from a
    /// read model kept per minute, never by reading the tape; <c>minPosition</c> waits for it as other queries do.
    /// </remarks>
    internal static async Task<Ok<EventRateView>> ReadEventRate(IMediator mediator, CancellationToken ct, int? minutes = null, int? bucket = null, DateTimeOffset? until = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new GetEventRateQuery(minutes ?? 60, bucket ?? 1, until, minPosition), ct));
}
