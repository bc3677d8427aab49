using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Sessions;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Sessions;

/// <summary>The live session holding a key. Archived sessions gave their key up and never answer.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetSessionByKeyQuery(string SessionKey, long? MinPosition = null) : IRequest<SessionView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [SessionsProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetSessionByKeyQuery"/>.</summary>
public sealed class GetSessionByKeyHandler(ReadModelStore readModels) : IRequestHandler<GetSessionByKeyQuery, SessionView>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">Not a valid session key (empty, too long, or a character other than letters, digits and <c>- _ . : @</c>).</exception>
    /// <exception cref="NotFoundException"><c>session.not_found</c>: no live session holds the key.</exception>
    public Task<SessionView> Handle(GetSessionByKeyQuery request, CancellationToken cancellationToken)
    {
        Require.Key(request.SessionKey, "sessionKey", SessionLimits.KeyMaxLength);
        return Task.FromResult(SessionLookup.One(readModels, SessionRows.SelectLiveByKey, ("$session_key", request.SessionKey), request.SessionKey));
    }
}
