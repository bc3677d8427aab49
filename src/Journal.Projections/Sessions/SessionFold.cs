using Journal.Domain.Runs;
using Journal.Domain.Sessions;
using Journal.Domain.Transcript;
using Journal.Projections.Shared;

namespace Journal.Projections.Sessions;

/// <summary>
/// The one pure fold of a <see cref="SessionView"/>, used by <c>sessions.v1</c>, by
/// <c>session_deltas.v2</c> and by time travel (<see cref="GetSessionAtQuery"/>), so the three never
/// disagree. A view changes only when a field other than its bookkeeping changes; then
/// <see cref="SessionView.UpdatedAt"/> takes the event's time and <see cref="SessionView.LastPosition"/> its position.
/// </summary>
public static class SessionFold
{
    /// <summary>The tape event types that change a session view.</summary>
    public static IReadOnlyCollection<string> EventTypes { get; } =
    [
        "session.created.v1",
        "session.renamed.v1",
        "session.archived.v1",
        "run.accepted.v1",
        "run.started.v1",
        "run.succeeded.v1",
        "run.failed.v1",
        "run.cancelled.v1",
        "transcript.entry_appended.v1",
    ];

    /// <summary>The session an event is about, or null for an event that never changes a session view.</summary>
    public static Guid? SessionOf(object? @event) => @event switch
    {
        SessionCreated e => e.SessionId,
        SessionRenamed e => e.SessionId,
        SessionArchived e => e.SessionId,
        RunAccepted r => r.SessionId,
        RunStarted r => r.SessionId,
        RunSucceeded r => r.SessionId,
        RunFailed r => r.SessionId,
        RunCancelled r => r.SessionId,
        TranscriptEntryAppended t => t.SessionId,
        _ => null,
    };

    /// <summary>
    /// Applies one event at tape position <paramref name="position"/>. Returns <paramref name="view"/> itself
    /// when the event changes nothing (an unknown session, a run that is not the last one, ...).
    /// </summary>
    public static SessionView? Evolve(SessionView? view, object @event, long position)
    {
        var next = Apply(view, @event);
        return next is null || next == view
            ? view
            : next with { UpdatedAt = ReadModelValues.Truncate(AtOf(@event)), LastPosition = position };
    }

    private static SessionView? Apply(SessionView? view, object @event) => (view, @event) switch
    {
        (null, SessionCreated c) => new SessionView(
            c.SessionId, c.Principal, c.Device, c.Channel, c.SessionKey, c.Label, SessionStates.Active,
            ReadModelValues.Truncate(c.At), ReadModelValues.Truncate(c.At), null, null, null, 0, 0, 0),
        (null, _) => null,
        ({ } v, SessionRenamed r) => v with { Label = r.Label },
        ({ } v, SessionArchived a) => v with { State = SessionStates.Archived, ArchivedAt = ReadModelValues.Truncate(a.At) },
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

    private static DateTimeOffset AtOf(object @event) => @event switch
    {
        SessionCreated e => e.At,
        SessionRenamed e => e.At,
        SessionArchived e => e.At,
        RunAccepted e => e.At,
        RunStarted e => e.At,
        RunSucceeded e => e.At,
        RunFailed e => e.At,
        RunCancelled e => e.At,
        TranscriptEntryAppended e => e.At,
        _ => throw new ArgumentException($"{@event.GetType().Name} does not change a session", nameof(@event)),
    };
}
