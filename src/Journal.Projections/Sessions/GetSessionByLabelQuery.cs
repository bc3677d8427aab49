using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Sessions;

/// <summary>The sessions carrying a label (labels are not unique), newest first by creation, live or archived.</summary>
/// <param name="Label">The label, matched exactly.</param>
/// <param name="Limit">The most sessions to return, 1 to 500 (100 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetSessionByLabelQuery(string Label, int? Limit = null, long? MinPosition = null) : IRequest<IReadOnlyList<SessionView>>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [SessionsProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetSessionByLabelQuery"/>.</summary>
public sealed class GetSessionByLabelHandler(ReadModelStore readModels) : IRequestHandler<GetSessionByLabelQuery, IReadOnlyList<SessionView>>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>session.not_found</c>: no session carries the label.</exception>
    public Task<IReadOnlyList<SessionView>> Handle(GetSessionByLabelQuery request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Label))
        {
            throw new ValidationException("label", "must not be empty");
        }

        var limit = PageCursor.Limit(request.Limit, 100);
        using var connection = readModels.OpenReader();
        var sessions = ReadModelQueries.Rows(connection, SessionRows.SelectByLabel, SessionRows.Read, ("$label", request.Label), ("$limit", limit));
        return sessions.Count == 0
            ? throw new NotFoundException("session", request.Label)
            : Task.FromResult<IReadOnlyList<SessionView>>(sessions);
    }
}
