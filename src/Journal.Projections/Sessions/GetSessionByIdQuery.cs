using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Sessions;

/// <summary>One session, live or archived, from the read model.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetSessionByIdQuery(Guid SessionId, long? MinPosition = null) : IRequest<SessionView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [SessionsProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetSessionByIdQuery"/>.</summary>
public sealed class GetSessionByIdHandler(ReadModelStore readModels) : IRequestHandler<GetSessionByIdQuery, SessionView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>session.not_found</c>.</exception>
    public Task<SessionView> Handle(GetSessionByIdQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.SessionId);
        return Task.FromResult(SessionLookup.One(readModels, SessionRows.SelectById, ("$session_id", id), id));
    }
}
