using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using Journal.Projections.Sessions;

namespace Journal.Projections.SessionDeltas;

/// <summary>
/// <c>session_deltas.v4</c>: for every event that changes a session's <see cref="SessionView"/> (by
/// <see cref="SessionFold"/>, the fold of <c>sessions.v2</c>, over the events of <see cref="SessionFold.Routes"/>),
/// a <see cref="SessionDelta"/> with the view before and after. It keeps its own copy of each view, so it
/// can be rebuilt on its own. A change row holds an undo (<see cref="ViewUndo"/>) instead of v3's two whole
/// views; the query walks the session's current view back through its changes, newest first.
/// </summary>
public sealed class SessionDeltasProjection() : SingleStreamProjection<StoredSessionView>(ProjectionName, SessionFold.Routes.Select(r => r.SessionId))
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "session_deltas.v4";

    /// <inheritdoc />
    public override void Create(ReadModelWriter db) => db.ExecuteScript(SessionDeltaRows.Create);

    /// <inheritdoc />
    public override StoredSessionView? Evolve(StoredSessionView? row, ProjectedEvent e)
    {
        var after = SessionFold.Evolve(row?.View, e);
        return after is null || after == row?.View ? row : new StoredSessionView(after, SessionViewJson.Write(after));
    }

    /// <inheritdoc />
    protected override long SizeOf(StoredSessionView row) => (2 * CacheSizes.SmallRow) + CacheSizes.Text(row.Json);

    /// <inheritdoc />
    protected override StoredSessionView? Load(ReadModelWriter db, Guid key) =>
        db.Scalar<string>(SessionDeltaRows.SelectView, ("$session_id", ReadModelValues.Id(key))) is { } json
            ? new StoredSessionView(SessionViewJson.Read(json), json)
            : null;

    /// <inheritdoc />
    protected override void Write(ReadModelWriter db, Guid key, StoredSessionView? before, StoredSessionView after, ProjectedEvent e)
    {
        var id = ReadModelValues.Id(key);
        var undo = before is null ? null : ViewUndo.Between(before.Json, after.Json);
        db.Upsert(SessionDeltaRows.UpsertView, id, [("$session_id", id), ("$view", after.Json)]);
        db.Execute(
            SessionDeltaRows.InsertDelta,
            ("$session_id", id),
            ("$position", e.Seq),
            ("$change_type", ChangeType(before?.View, after.View)),
            ("$at", ReadModelValues.Ms(after.View.UpdatedAt)),
            ("$undo", undo),
            ("$before", before is not null && undo is null ? before.Json : null));
    }

    private static string ChangeType(SessionView? before, SessionView after) =>
        before is null ? SessionChangeTypes.Created
        : before.State != SessionStates.Archived && after.State == SessionStates.Archived ? SessionChangeTypes.Deleted
        : SessionChangeTypes.Updated;
}
