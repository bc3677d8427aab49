using Journal.Domain.Runs;
using Journal.Domain.Sessions;
using Journal.Domain.Transcript;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;

namespace Journal.Projections.Sessions;

/// <summary>
/// The one pure fold of a <see cref="SessionView"/>, used by <c>sessions.v2</c>, by
/// <c>session_deltas.v4</c> and by time travel (<see cref="GetSessionAtQuery"/>), so the three never
/// disagree. Every event of the session's own stream moves <see cref="SessionView.StreamVersion"/> to its
/// version (so the stored view always names the stream version it reflects, the one <c>If-Match</c> is
/// checked against); events of other streams (runs, transcript) change the view only when they change a
/// field. When a view changes, <see cref="SessionView.UpdatedAt"/> takes the event's time and
/// <see cref="SessionView.LastPosition"/> its position.
/// </summary>
public static class SessionFold
{
    /// <summary>
    /// The events that change a session view, each routed to the session it is about and the time it
    /// happened: the one declaration of what the fold handles (the projections' tape filter is made from it).
    /// </summary>
    public static EventRoutes<SessionEventRoute> Routes { get; } = new EventRoutes<SessionEventRoute>()
        .On<SessionCreated>(e => new(e.SessionId, e.At))
        .On<SessionRenamed>(e => new(e.SessionId, e.At))
        .On<SessionArchived>(e => new(e.SessionId, e.At))
        .On<SessionForegroundRunAttached>(e => new(e.SessionId, e.At))
        .On<SessionForegroundRunDetached>(e => new(e.SessionId, e.At))
        .On<RunAccepted>(e => new(e.SessionId, e.At))
        .On<RunStarted>(e => new(e.SessionId, e.At))
        .On<RunSucceeded>(e => new(e.SessionId, e.At))
        .On<RunFailed>(e => new(e.SessionId, e.At))
        .On<RunCancelled>(e => new(e.SessionId, e.At))
        .On<TranscriptEntryAppended>(e => new(e.SessionId, e.At));

    /// <summary>The tape event types that change a session view (the names of <see cref="Routes"/>).</summary>
    public static IReadOnlyCollection<string> EventTypes => Routes.Names;

    /// <summary>The session an event is about, or null for an event that never changes a session view.</summary>
    public static Guid? SessionOf(object? @event) => Routes.TryRoute(@event, out var route) ? route.SessionId : null;

    /// <summary>
    /// Applies one tape event. Returns <paramref name="view"/> itself when the event changes nothing (an
    /// erased payload, an unknown session, a run that is not the last one, ...).
    /// </summary>
    public static SessionView? Evolve(SessionView? view, ProjectedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Payload is not { } @event)
        {
            return view;
        }

        var next = Apply(view, @event);
        if (next is not null && @event is ISessionEvent)
        {
            next = next with { StreamVersion = e.Event.StreamVersion };
        }

        return next is null || next == view
            ? view
            : next with { UpdatedAt = ReadModelValues.Truncate(Routes.Route(@event).At), LastPosition = e.Seq };
    }

    private static SessionView? Apply(SessionView? view, object @event) => (view, @event) switch
    {
        (null, SessionCreated c) => new SessionView(
            c.SessionId, c.Principal, c.Device, c.Channel, c.SessionKey, c.Label, SessionStates.Active,
            ReadModelValues.Truncate(c.At), ReadModelValues.Truncate(c.At), null, null, null, 0, 0, null, 0, 0),
        (null, _) => null,
        ({ } v, SessionRenamed r) => v with { Label = r.Label },
        ({ } v, SessionArchived a) => v with { State = SessionStates.Archived, ArchivedAt = ReadModelValues.Truncate(a.At) },
        ({ } v, SessionForegroundRunAttached f) => v with { ForegroundRunId = f.RunId },
        ({ } v, SessionForegroundRunDetached) => v with { ForegroundRunId = null },
        ({ } v, RunAccepted r) => v with { LastRunId = r.RunId, LastRunStatus = RunStatus.Accepted, RunCount = v.RunCount + 1 },
        ({ } v, RunStarted r) => LastRun(v, r.RunId, RunStatus.InProgress),
        ({ } v, RunSucceeded r) => LastRun(v, r.RunId, RunStatus.Succeeded),
        ({ } v, RunFailed r) => LastRun(v, r.RunId, RunStatus.Failed),
        ({ } v, RunCancelled r) => LastRun(v, r.RunId, RunStatus.Cancelled),
        ({ } v, TranscriptEntryAppended) => v with { TranscriptEntryCount = v.TranscriptEntryCount + 1 },
        _ => view,
    };

    private static SessionView LastRun(SessionView view, Guid runId, RunStatus status) =>
        view.LastRunId == runId ? view with { LastRunStatus = status } : view;
}
