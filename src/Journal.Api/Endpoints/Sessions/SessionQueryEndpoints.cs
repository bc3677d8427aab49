using Journal.Api.Endpoints.Queries;
using Journal.Projections.Querying;
using Journal.Projections.Sessions;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Sessions;

/// <summary>The sessions read model: list, one by id, key or label, and time travel.</summary>
internal static class SessionQueryEndpoints
{
    public static void MapSessionQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/sessions", FeatureTags.Sessions);
        group.MapGet("/", ListSessions).WithName(nameof(ListSessions));
        group.MapGet("/{sessionId}", GetSession).WithName(nameof(GetSession));
        group.MapGet("/by-key/{key}", GetSessionByKey).WithName(nameof(GetSessionByKey));
        group.MapGet("/by-label/{label}", ListSessionsByLabel).WithName(nameof(ListSessionsByLabel));
        group.MapGet("/{sessionId}/at", GetSessionAt).WithName(nameof(GetSessionAt));
    }

    /// <summary>List sessions</summary>
    /// <remarks>
    /// Newest change first. Filters: <c>principal</c>, <c>channel</c>, <c>state</c> (<c>active</c>, <c>archived</c>).
    /// Paged with <c>cursor</c> and <c>limit</c>.
    /// </remarks>
    internal static async Task<Ok<Page<SessionView>>> ListSessions(
        IMediator mediator, CancellationToken ct, string? principal = null, string? channel = null, string? state = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListSessionsQuery(principal, channel, state, cursor, limit, minPosition), ct));

    /// <summary>Get a session</summary>
    /// <remarks>
    /// The session as the read model keeps it, from the read model alone (it does not wait unless given
    /// <c>minPosition</c>), with <c>ETag</c> (the version of the session's own stream the row reflects) and
    /// <c>X-Journal-Position</c> from the row.
    /// </remarks>
    internal static async Task<Ok<SessionView>> GetSession(Guid sessionId, HttpContext http, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        Answer(http, await mediator.Send(new GetSessionByIdQuery(sessionId, minPosition), ct));

    /// <summary>Get the live session holding a key</summary>
    /// <remarks>
    /// The active session the read model lists under the key, with <c>ETag</c> and <c>X-Journal-Position</c> as by
    /// id (no wait unless given <c>minPosition</c>). 404 when no live session holds the key.
    /// </remarks>
    internal static async Task<Ok<SessionView>> GetSessionByKey(string key, HttpContext http, IMediator mediator, CancellationToken ct, long? minPosition = null) =>
        Answer(http, await mediator.Send(new GetSessionByKeyQuery(key, minPosition), ct));

    /// <summary>List the sessions with a label</summary>
    /// <remarks>
    /// Newest first, at most <c>limit</c> (default 100; not paged). 404 when none carries the label.
    /// </remarks>
    internal static async Task<Ok<Page<SessionView>>> ListSessionsByLabel(string label, IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(new Page<SessionView>(await mediator.Send(new GetSessionByLabelQuery(label, limit, minPosition), ct), null));

    /// <summary>Read a session as it was</summary>
    /// <remarks>
    /// Time travel: folds the session's stream up to <c>version</c> (its stream version) and/or <c>position</c> (a
    /// tape position); neither gives the current state. Only the session's own stream is folded, so run and
    /// transcript counts stay empty. 404 when it did not exist yet at that point.
    /// </remarks>
    internal static async Task<Ok<SessionView>> GetSessionAt(Guid sessionId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetSessionAtQuery(sessionId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));

    private static Ok<SessionView> Answer(HttpContext http, SessionView session)
    {
        ReadModelHeaders.Set(http, session.StreamVersion, session.LastPosition);
        return TypedResults.Ok(session);
    }
}
