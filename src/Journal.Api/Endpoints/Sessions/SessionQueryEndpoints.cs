using Journal.Api.Endpoints.Commands;
using Journal.Api.Endpoints.Queries;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Tape;
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
        var group = app.QueryGroup("/v1/sessions", "Sessions");
        group.MapGet("/", ListSessions).WithName(nameof(ListSessions));
        group.MapGet("/{sessionId}", GetSession).WithName(nameof(GetSession));
        group.MapGet("/by-key/{key}", GetSessionByKey).WithName(nameof(GetSessionByKey));
        group.MapGet("/by-label/{label}", ListSessionsByLabel).WithName(nameof(ListSessionsByLabel));
        group.MapGet("/{sessionId}/at", GetSessionAt).WithName(nameof(GetSessionAt));
    }

    internal static async Task<Ok<Page<SessionView>>> ListSessions(
        IMediator mediator, CancellationToken ct, string? principal = null, string? channel = null, string? state = null, string? cursor = null, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(await mediator.Send(new ListSessionsQuery(principal, channel, state, cursor, limit, minPosition), ct));

    internal static async Task<Ok<SessionView>> GetSession(Guid sessionId, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct, long? minPosition = null)
    {
        var mark = await StreamMark.ReadAsync(tape, SessionDecider.StreamFor(sessionId), ct);
        var session = await mediator.Send(new GetSessionByIdQuery(sessionId, mark.Wait(minPosition)), ct);
        http.Response.Headers.ETag = ETags.Format(mark.Version);
        return TypedResults.Ok(session);
    }

    /// <summary>The key is resolved by the write side's key index (as fresh as the tape), the session then read as by id.</summary>
    internal static async Task<Ok<SessionView>> GetSessionByKey(string key, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct, long? minPosition = null)
    {
        var resolved = await mediator.Send(new ResolveSessionByKeyRequest(key), ct);
        return await GetSession(resolved.SessionId, http, mediator, tape, ct, minPosition);
    }

    internal static async Task<Ok<Page<SessionView>>> ListSessionsByLabel(string label, IMediator mediator, CancellationToken ct, int? limit = null, long? minPosition = null) =>
        TypedResults.Ok(new Page<SessionView>(await mediator.Send(new GetSessionByLabelQuery(label, limit, minPosition), ct), null));

    internal static async Task<Ok<SessionView>> GetSessionAt(Guid sessionId, IMediator mediator, CancellationToken ct, long? version = null, long? position = null) =>
        TypedResults.Ok(await mediator.Send(new GetSessionAtQuery(sessionId, QueryInput.Bound(version, "version"), QueryInput.Bound(position, "position")), ct));
}
