using Journal.Projections.Querying;
using Journal.Projections.SessionDeltas;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Sessions;

/// <summary>A session's latest changes (before/after views), newest first.</summary>
internal static class SessionDeltaEndpoints
{
    public static void MapSessionDeltaQueries(this IEndpointRouteBuilder app) =>
        app.QueryGroup("/v1/sessions", FeatureTags.Sessions).MapGet("/{sessionId}/deltas", ListSessionDeltas).WithName(nameof(ListSessionDeltas));

    /// <summary>List a session's latest changes</summary>
    /// <remarks>
    /// Newest first, at most <c>limit</c> (default 100; not paged): each change's type (<c>created</c>,
    /// <c>updated</c>, <c>deleted</c>), position and time, with the session's view before and after as JSON text. 404
    /// for a session that never changed.
    /// </remarks>
    internal static async Task<Ok<Page<SessionDelta>>> ListSessionDeltas(Guid sessionId, IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(new Page<SessionDelta>(await mediator.Send(new ListSessionDeltasQuery(sessionId, limit, minPosition), ct), null));
}
