using Journal.Domain.Commands;
using Journal.Domain.Deciding;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>
/// Loads a session that other aggregates' use cases depend on (runs, transcript entries) and refuses
/// with the session decider's own codes when it is missing or archived.
/// </summary>
internal static class LiveSession
{
    /// <summary>Loads the session, whatever its state.</summary>
    public static Task<Loaded<SessionState>> LoadAsync(IAggregateLoader aggregates, Guid sessionId, CancellationToken ct) =>
        aggregates.LoadAsync(SessionDecider.Value, SessionDecider.StreamFor(sessionId), ct);

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

    /// <summary>The change that detaches <paramref name="runId"/> from its session, decided by the session decider.</summary>
    public static async Task<AggregateChange> DetachAsync(IAggregateLoader aggregates, Guid sessionId, Guid runId, DateTimeOffset at, CancellationToken ct)
    {
        var session = await LoadAsync(aggregates, sessionId, ct);
        var detached = SessionDecider.Decide(new DetachForegroundRun(sessionId, runId, at), session.State);
        return new AggregateChange(SessionDecider.StreamFor(sessionId), session.Version, [.. detached], Fold.All(session.State, detached, SessionDecider.Evolve));
    }
}
