using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>
/// Loads a session that other aggregates' use cases depend on (runs, transcript entries) or that a
/// query reads, and refuses with the session decider's own codes when it is missing or archived.
/// </summary>
internal static class LiveSession
{
    /// <summary>Loads the session, whatever its state.</summary>
    public static Task<Loaded<SessionState>> LoadAsync(IAggregateLoader aggregates, Guid sessionId, CancellationToken ct) =>
        aggregates.LoadAsync(SessionDecider.Value, SessionDecider.StreamFor(sessionId), ct);

    /// <summary>
    /// The state of the session <paramref name="sessionId"/>, archived or not; <c>session.not_found</c>,
    /// naming it as <paramref name="lookedUpBy"/> (its id, or the key it was looked up by), when there is
    /// none or <paramref name="sessionId"/> is null.
    /// </summary>
    public static async Task<SessionState> ExistingAsync(IAggregateLoader aggregates, Guid? sessionId, string lookedUpBy, CancellationToken ct)
    {
        var session = sessionId is { } id ? (await LoadAsync(aggregates, id, ct)).State : null;
        return session is { Exists: true } ? session : throw new NotFoundException("session", lookedUpBy);
    }

    /// <summary>Loads the session and refuses <c>session.not_found</c> or <c>session.archived</c>.</summary>
    public static async Task<Loaded<SessionState>> RequireAsync(IAggregateLoader aggregates, Guid sessionId, CancellationToken ct)
    {
        Require.Id(sessionId, "SessionId");
        var session = await LoadAsync(aggregates, sessionId, ct);
        if (!session.State.Exists)
        {
            throw Refuse.NotFound("session", sessionId);
        }

        return session.State.Archived
            ? throw Refuse.Rule("session.archived", $"session {sessionId} is archived")
            : session;
    }
}
