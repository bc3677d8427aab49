using Journal.Projections.Shared;
using Journal.Projections.Runtime;

namespace Journal.Projections.Sessions;

/// <summary>
/// <c>sessions.v2</c>: one row per session in <c>sessions_v2_sessions</c>, kept by <see cref="SessionFold"/>
/// from the session's own events, its runs' acceptance and ends, and its transcript entries (the events
/// of <see cref="SessionFold.Routes"/>).
/// </summary>
public sealed class SessionsProjection() : SingleStreamProjection<SessionView>(ProjectionName, SessionFold.Routes.Select(r => r.SessionId))
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "sessions.v2";

    /// <inheritdoc />
    public override void Create(ReadModelWriter db) => db.ExecuteScript(SessionRows.Create);

    /// <inheritdoc />
    public override SessionView? Evolve(SessionView? row, ProjectedEvent e) => SessionFold.Evolve(row, e);

    /// <inheritdoc />
    protected override SessionView? Load(ReadModelWriter db, Guid key) =>
        db.Query(SessionRows.SelectById, SessionRows.Read, ("$session_id", ReadModelValues.Id(key))).SingleOrDefault();

    /// <inheritdoc />
    protected override void Write(ReadModelWriter db, Guid key, SessionView? before, SessionView after, ProjectedEvent e) =>
        db.Upsert(SessionRows.Upsert, ReadModelValues.Id(key), SessionRows.Parameters(after));
}
