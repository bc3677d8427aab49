using Journal.Api.Endpoints.Commands;
using Journal.Domain.Sessions;
using Journal.Domain.Sessions.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Journal.Api.Endpoints.Sessions;

/// <summary>Session commands: create, rename, archive.</summary>
internal static class SessionCommandEndpoints
{
    public static void MapSessionCommands(this IEndpointRouteBuilder app)
    {
        var group = app.CommandGroup("/v1/sessions", FeatureTags.Sessions);
        group.MapPost("/", CreateSession).WithName(nameof(CreateSession));
        group.MapPut("/{sessionId}/label", RenameSession).WithName(nameof(RenameSession));
        group.MapPost("/{sessionId}/archive", ArchiveSession).WithName(nameof(ArchiveSession));
    }

    /// <summary>Create a session</summary>
    /// <remarks>
    /// Opens a session for a principal on a device and channel, optionally with a session key (held by one live
    /// session at a time: 422 <c>sessionkey.taken</c>) and a label. Answers 201 with <c>Location</c>.
    /// </remarks>
    internal static async Task<Created<CommandResponse>> CreateSession(CreateSessionBody body, HttpContext http, CancellationToken ct)
    {
        var response = await CommandDispatch.SendAsync(
            http,
            null,
            context => new CreateSessionRequest(body.SessionId, body.Principal, body.Device, body.Channel, body.SessionKey, body.Label) { Context = context },
            ct);
        return TypedResults.Created($"/v1/sessions/{EndpointConventions.IdOf(response.Stream)}", response);
    }

    /// <summary>Relabel a session</summary>
    /// <remarks>
    /// Sets the session's label. 422 <c>session.archived</c> for an archived session.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> RenameSession(Guid sessionId, RenameSessionBody body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http,
            SessionDecider.StreamFor(sessionId),
            context => new RenameSessionRequest(sessionId, body.Label) { Context = context },
            ct));

    /// <summary>Archive a session</summary>
    /// <remarks>
    /// Archives it with an optional reason: its session key is released and its transcript closed.
    /// </remarks>
    internal static async Task<Ok<CommandResponse>> ArchiveSession(Guid sessionId, ArchiveSessionBody? body, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await CommandDispatch.SendAsync(
            http,
            SessionDecider.StreamFor(sessionId),
            context => new ArchiveSessionRequest(sessionId, body?.Reason) { Context = context },
            ct));
}
