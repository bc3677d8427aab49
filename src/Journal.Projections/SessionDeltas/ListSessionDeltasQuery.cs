using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.SessionDeltas;

/// <summary>A session's latest changes, newest first.</summary>
/// <param name="Limit">The most changes to return, 1 to 500 (100 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListSessionDeltasQuery(Guid SessionId, int? Limit = null, long? MinPosition = null)
    : IRequest<IReadOnlyList<SessionDelta>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [SessionDeltasProjection.ProjectionName];
}

/// <summary>Handles <see cref="ListSessionDeltasQuery"/>.</summary>
public sealed class ListSessionDeltasHandler(ReadModelStore readModels) : IRequestHandler<ListSessionDeltasQuery, IReadOnlyList<SessionDelta>>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">A bad limit.</exception>
    /// <exception cref="NotFoundException"><c>session.not_found</c>: the session never changed, so it does not exist.</exception>
    public Task<IReadOnlyList<SessionDelta>> Handle(ListSessionDeltasQuery request, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(request.Limit, 100);
        var id = ReadModelValues.Id(request.SessionId);
        using var connection = readModels.OpenReader();

        // One read transaction: the current view and the changes are of the same commit.
        using var transaction = connection.BeginTransaction(deferred: true);
        var changes = ReadModelQueries.Rows(transaction, SessionDeltaRows.ListOfSession, SessionDeltaRows.Read, ("$session_id", id), ("$limit", limit));
        if (changes.Count == 0)
        {
            throw new NotFoundException("session", id);
        }

        var current = ReadModelQueries.Row(transaction, SessionDeltaRows.SelectView, r => r.GetString(0), ("$session_id", id))
            ?? throw new InvalidOperationException($"session_deltas: session {id} has changes but no current view");
        return Task.FromResult<IReadOnlyList<SessionDelta>>(WalkBack(request.SessionId, current, changes));
    }

    /// <summary>The newest change's after is the current view; each change's before is the after of the one before it.</summary>
    private static List<SessionDelta> WalkBack(Guid sessionId, string current, List<StoredChange> changes)
    {
        var deltas = new List<SessionDelta>(changes.Count);
        var after = current;
        foreach (var change in changes)
        {
            var before = change.ChangeType == SessionChangeTypes.Created ? null
                : change.Before ?? ViewUndo.Apply(after, change.Undo ?? throw new InvalidOperationException($"session_deltas: the change at {change.Position} has neither an undo nor a view before"));
            deltas.Add(new SessionDelta(sessionId, change.Position, change.ChangeType, change.At, before, after));
            after = before!;
        }

        return deltas;
    }
}
