using Journal.Projections.Shared;
using Journal.Projections.Runtime;

namespace Journal.Projections.Sessions;

/// <summary>
/// <c>sessions.v1</c>: one row per session in <c>sessions_v1_sessions</c>, kept by <see cref="SessionFold"/>
/// from the session's own events, its runs' acceptance and ends, and its transcript entries.
/// </summary>
public sealed class SessionsProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "sessions.v1";

    private const string CacheName = "sessions_v1_sessions";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes => SessionFold.EventTypes;

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(SessionRows.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case { } @event when SessionFold.SessionOf(@event) is { } sessionId:
                var cache = db.Cache<Guid, SessionView>(CacheName);
                if (!cache.TryGet(sessionId, out var before))
                {
                    before = db.Query(SessionRows.SelectById, SessionRows.Read, ("$session_id", ReadModelValues.Id(sessionId))).SingleOrDefault();
                }

                var after = SessionFold.Evolve(before, @event, e.Seq);
                if (after is not null && after != before)
                {
                    db.Upsert(SessionRows.Upsert, ReadModelValues.Id(sessionId), SessionRows.Parameters(after));
                    cache.Set(sessionId, after);
                }

                break;
        }
    }
}
