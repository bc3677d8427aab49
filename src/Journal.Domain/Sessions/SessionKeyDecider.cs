using Journal.Domain.Deciding;
using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>
/// Decides claims of a session key. Stream: <c>sessionkey-{key}</c>. Uniqueness across sessions
/// cannot be decided inside one session's stream, so each key is its own tiny aggregate; the
/// handler appends the claim and <see cref="SessionCreated"/> (or the release and
/// <see cref="SessionArchived"/>) in one multi-stream append.
/// </summary>
public static class SessionKeyDecider
{
    /// <summary>The state before the first event: nobody holds the key.</summary>
    public static SessionKeyState Initial { get; } = new(null, null);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<SessionKeyCommand, SessionKeyState, ISessionKeyEvent> Value { get; } = new(c => StreamFor(c.SessionKey), Initial, Decide, Evolve);

    /// <summary>The stream of a key's claims: <c>sessionkey-{key}</c>.</summary>
    /// <exception cref="Errors.ValidationException">The key is invalid.</exception>
    public static StreamId StreamFor(string sessionKey) =>
        StreamId.For("sessionkey", Require.Key(sessionKey, nameof(sessionKey), SessionLimits.KeyMaxLength));

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <exception cref="Errors.ValidationException">The key or session id is invalid.</exception>
    /// <exception cref="Errors.RuleViolationException"><c>sessionkey.taken</c>, <c>sessionkey.not_held</c>.</exception>
    public static IReadOnlyList<ISessionKeyEvent> Decide(SessionKeyCommand command, SessionKeyState state)
    {
        var key = Require.Key(command.SessionKey, nameof(command.SessionKey), SessionLimits.KeyMaxLength);
        Require.Id(command.SessionId, nameof(command.SessionId));
        return command switch
        {
            ClaimSessionKey c when state.HeldBy == c.SessionId => [],
            ClaimSessionKey when state.HeldBy is { } holder =>
                throw Refuse.Rule("sessionkey.taken", $"session key '{key}' is held by session {holder}"),
            ClaimSessionKey c => [new SessionKeyClaimed(key, c.SessionId, c.At)],
            ReleaseSessionKey c when state.HeldBy != c.SessionId =>
                throw Refuse.Rule("sessionkey.not_held", $"session key '{key}' is not held by session {c.SessionId}"),
            ReleaseSessionKey c => [new SessionKeyReleased(key, c.SessionId, c.At)],
            _ => throw new ArgumentException($"unknown session key command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <summary>Applies one event.</summary>
    public static SessionKeyState Evolve(SessionKeyState state, ISessionKeyEvent @event) => @event switch
    {
        SessionKeyClaimed e => new SessionKeyState(e.SessionKey, e.SessionId),
        SessionKeyReleased e => new SessionKeyState(e.SessionKey, null),
        _ => state,
    };
}
