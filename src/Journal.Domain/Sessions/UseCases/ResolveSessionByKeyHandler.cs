using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>
/// Finds the live session holding a key, from the key's claim stream and then the session's own
/// stream. A key released by an archived session resolves to nothing.
/// </summary>
public sealed record ResolveSessionByKeyRequest(string Key) : IRequest<SessionState>;

/// <summary>Handles <see cref="ResolveSessionByKeyRequest"/>.</summary>
public sealed class ResolveSessionByKeyHandler(IAggregateStore aggregates) : IRequestHandler<ResolveSessionByKeyRequest, SessionState>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">The key is not a valid session key.</exception>
    /// <exception cref="NotFoundException"><c>session.not_found</c>: no live session holds the key.</exception>
    public async Task<SessionState> Handle(ResolveSessionByKeyRequest request, CancellationToken cancellationToken)
    {
        var claim = await aggregates.LoadAsync(SessionKeyDecider.Value, SessionKeyDecider.StreamFor(request.Key), cancellationToken);
        return await LiveSession.ExistingAsync(aggregates, claim.State.HeldBy, request.Key, cancellationToken);
    }
}
