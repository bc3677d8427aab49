using Journal.Domain.Deciding;
using Journal.Domain.Tape;

namespace Journal.Domain.Sessions;

/// <summary>
/// Decides the commands of one session. Stream: <c>session-{sessionId}</c>.
/// The session also guards "one active foreground run per session": a handler accepting a
/// foreground run appends <see cref="SessionForegroundRunAttached"/> here and the run's events to
/// <c>run-{runId}</c> in one multi-stream append, so two concurrent runs cannot both win.
/// </summary>
public static class SessionDecider
{
    /// <summary>The stream of one aggregate: <c>session-{sessionId}</c>.</summary>
    public static StreamId StreamFor(Guid sessionId) =>
        StreamId.For("session", sessionId.ToString("D", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static SessionState Initial { get; } =
        new(false, Guid.Empty, string.Empty, string.Empty, string.Empty, null, null, false, null);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<SessionCommand, SessionState, ISessionEvent> Value { get; } = new(c => StreamFor(c.SessionId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <returns>The events to append; empty when the command changes nothing.</returns>
    /// <exception cref="Errors.ValidationException">A field is invalid.</exception>
    /// <exception cref="Errors.NotFoundException">The session does not exist (code <c>session.not_found</c>).</exception>
    /// <exception cref="Errors.RuleViolationException">
    /// <c>session.already_exists</c>, <c>session.archived</c>, <c>run.already_active</c>,
    /// <c>session.foreground_run_active</c>, <c>session.foreground_run_not_attached</c>.
    /// </exception>
    public static IReadOnlyList<ISessionEvent> Decide(SessionCommand command, SessionState state) => command switch
    {
        CreateSession c => Create(c, state),
        RenameSession c => Rename(c, Live(state, c.SessionId)),
        ArchiveSession c => Archive(c, Live(state, c.SessionId)),
        AttachForegroundRun c => Attach(c, Live(state, c.SessionId)),
        DetachForegroundRun c => Detach(c, Existing(state, c.SessionId)),
        _ => throw new ArgumentException($"unknown session command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static SessionState Evolve(SessionState state, ISessionEvent @event) => @event switch
    {
        SessionCreated e => new SessionState(true, e.SessionId, e.Principal, e.Device, e.Channel, e.SessionKey, e.Label, false, null),
        SessionRenamed e => state with { Label = e.Label },
        SessionArchived => state with { Archived = true },
        SessionForegroundRunAttached e => state with { ForegroundRunId = e.RunId },
        SessionForegroundRunDetached => state with { ForegroundRunId = null },
        _ => state,
    };

    private static ISessionEvent[] Create(CreateSession c, SessionState state)
    {
        Require.Id(c.SessionId, nameof(c.SessionId));
        var principal = Require.Text(c.Principal, nameof(c.Principal), SessionLimits.PrincipalMaxLength);
        var device = Require.Text(c.Device, nameof(c.Device), SessionLimits.DeviceMaxLength);
        var channel = Require.Text(c.Channel, nameof(c.Channel), SessionLimits.ChannelMaxLength);
        var key = c.SessionKey is null ? null : Require.Key(c.SessionKey, nameof(c.SessionKey), SessionLimits.KeyMaxLength);
        var label = Require.OptionalText(c.Label, nameof(c.Label), SessionLimits.LabelMaxLength);
        if (state.Exists)
        {
            throw Refuse.Rule("session.already_exists", $"session {c.SessionId} exists already");
        }

        return [new SessionCreated(c.SessionId, principal, device, channel, key, label, c.At)];
    }

    private static ISessionEvent[] Rename(RenameSession c, SessionState state)
    {
        var label = Require.Text(c.Label, nameof(c.Label), SessionLimits.LabelMaxLength);
        return label == state.Label ? [] : [new SessionRenamed(state.SessionId, label, c.At)];
    }

    private static ISessionEvent[] Archive(ArchiveSession c, SessionState state)
    {
        var reason = Require.OptionalText(c.Reason, nameof(c.Reason), SessionLimits.ReasonMaxLength);
        if (state.ForegroundRunId is { } run)
        {
            throw Refuse.Rule("session.foreground_run_active", $"session {state.SessionId} has foreground run {run} active; end it first");
        }

        return [new SessionArchived(state.SessionId, state.SessionKey, reason, c.At)];
    }

    private static ISessionEvent[] Attach(AttachForegroundRun c, SessionState state)
    {
        Require.Id(c.RunId, nameof(c.RunId));
        if (state.ForegroundRunId == c.RunId)
        {
            return [];
        }

        if (state.ForegroundRunId is { } active)
        {
            throw Refuse.Rule("run.already_active", $"session {state.SessionId} already has foreground run {active} active");
        }

        return [new SessionForegroundRunAttached(state.SessionId, c.RunId, c.At)];
    }

    private static ISessionEvent[] Detach(DetachForegroundRun c, SessionState state)
    {
        if (state.ForegroundRunId != c.RunId)
        {
            throw Refuse.Rule("session.foreground_run_not_attached", $"run {c.RunId} is not the active foreground run of session {state.SessionId}");
        }

        return [new SessionForegroundRunDetached(state.SessionId, c.RunId, c.At)];
    }

    private static SessionState Existing(SessionState state, Guid sessionId) =>
        state.Exists ? state : throw Refuse.NotFound("session", sessionId);

    private static SessionState Live(SessionState state, Guid sessionId)
    {
        Existing(state, sessionId);
        return state.Archived
            ? throw Refuse.Rule("session.archived", $"session {sessionId} is archived")
            : state;
    }
}
