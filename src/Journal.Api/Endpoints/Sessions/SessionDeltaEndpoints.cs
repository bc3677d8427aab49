using Journal.Projections.Querying;
using Journal.Projections.SessionDeltas;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Sessions;

/// <summary>A session's latest changes (before/after views), newest first.</summary>
internal static class SessionDeltaEndpoints
{
    public static void MapSessionDeltaQueries(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/sessions", "Sessions").MapGet("/{sessionId}/deltas", ListSessionDeltas).WithName(nameof(ListSessionDeltas));

    internal static async Task<Ok<Page<SessionDelta>>> ListSessionDeltas(Guid sessionId, IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(new Page<SessionDelta>(await mediator.Send(new ListSessionDeltasQuery(sessionId, limit, minPosition), ct), null));
}
