using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using Journal.Projections.Sessions;

namespace Journal.Projections.SessionDeltas;

/// <summary>
/// <c>session_deltas.v2</c>: for every event that changes a session's <see cref="SessionView"/> (by
/// <see cref="SessionFold"/>, the fold of <c>sessions.v1</c>), a <see cref="SessionDelta"/> with the
/// view before and after. It keeps its own copy of each view, so it can be rebuilt on its own.
/// </summary>
public sealed class SessionDeltasProjection : IProjection
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "session_deltas.v2";

    private const string CacheName = "session_deltas_v2_views";

    /// <inheritdoc />
    public string Name => ProjectionName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes => SessionFold.EventTypes;

    /// <inheritdoc />
    public void Create(ReadModelWriter db) => db.ExecuteScript(SessionDeltaRows.Create);

    /// <inheritdoc />
    public void Apply(ReadModelWriter db, ProjectedEvent e)
    {
        switch (e.Payload)
        {
            case { } @event when SessionFold.SessionOf(@event) is { } sessionId:
                var id = ReadModelValues.Id(sessionId);
                var cache = db.Cache<Guid, (SessionView View, string Json)>(CacheName);
                string? beforeJson;
                SessionView? before;
                if (cache.TryGet(sessionId, out var cached))
                {
                    (before, beforeJson) = cached;
                }
                else
                {
                    beforeJson = db.Scalar<string>(SessionDeltaRows.SelectView, ("$session_id", id));
                    before = beforeJson is null ? null : SessionViewJson.Read(beforeJson);
                }

                var after = SessionFold.Evolve(before, @event, e.Seq);
                if (after is null || after == before)
                {
                    break;
                }

                var afterJson = SessionViewJson.Write(after);
                db.Upsert(SessionDeltaRows.UpsertView, id, [("$session_id", id), ("$view", afterJson)]);
                db.Execute(
                    SessionDeltaRows.InsertDelta,
                    ("$session_id", id),
                    ("$position", e.Seq),
                    ("$change_type", ChangeType(before, after)),
                    ("$at", ReadModelValues.Ms(after.UpdatedAt)),
                    ("$before", beforeJson),
                    ("$after", afterJson));
                cache.Set(sessionId, (after, afterJson));
                break;
        }
    }

    private static string ChangeType(SessionView? before, SessionView after) =>
        before is null ? SessionChangeTypes.Created
        : before.State != SessionStates.Archived && after.State == SessionStates.Archived ? SessionChangeTypes.Deleted
        : SessionChangeTypes.Updated;
}
