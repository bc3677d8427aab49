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
        var deltas = ReadModelQueries.Rows(connection, SessionDeltaRows.ListOfSession, SessionDeltaRows.Read, ("$session_id", id), ("$limit", limit));
        return deltas.Count == 0
            ? throw new NotFoundException("session", id)
            : Task.FromResult<IReadOnlyList<SessionDelta>>(deltas);
    }
}
