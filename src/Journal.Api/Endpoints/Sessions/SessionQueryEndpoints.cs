using Journal.Api.Endpoints.Commands;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Tape;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Sessions;

/// <summary>One session read from its own stream, by id or by key, with its stream version as <c>ETag</c>.</summary>
internal static class SessionQueryEndpoints
{
    public static void MapSessionQueries(this IEndpointRouteBuilder app)
    {
        var group = app.QueryGroup("/v1/sessions", "Sessions");
        group.MapGet("/{sessionId}", GetSession).WithName(nameof(GetSession));
        group.MapGet("/by-key/{key}", ResolveSessionByKey).WithName(nameof(ResolveSessionByKey));
    }

    internal static async Task<Ok<SessionState>> GetSession(Guid sessionId, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct)
    {
        // The version is read before the state: the tag may be older than the body, never newer,
        // so an If-Match built from it can only fail safe.
        var version = await tape.ReadStreamVersionAsync(SessionDecider.StreamFor(sessionId), ct);
        var session = await mediator.Send(new GetSessionRequest(sessionId), ct);
        http.Response.Headers.ETag = ETags.Format(version);
        return TypedResults.Ok(session);
    }

    internal static async Task<Ok<SessionState>> ResolveSessionByKey(string key, HttpContext http, IMediator mediator, IEventStore tape, CancellationToken ct)
    {
        var resolved = await mediator.Send(new ResolveSessionByKeyRequest(key), ct);
        return await GetSession(resolved.SessionId, http, mediator, tape, ct);
    }
}
