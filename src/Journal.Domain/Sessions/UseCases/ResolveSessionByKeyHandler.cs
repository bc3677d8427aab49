using Journal.Domain.Commands;
using Journal.Domain.Errors;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>
/// Finds the live session holding a key, from the key's claim stream and then the session's own
/// stream. A key released by an archived session resolves to nothing.
/// </summary>
/// <param name="Key">The session key.</param>
public sealed record ResolveSessionByKeyRequest(string Key) : IRequest<SessionState>;

/// <summary>Handles <see cref="ResolveSessionByKeyRequest"/>.</summary>
public sealed class ResolveSessionByKeyHandler(IAggregateStore aggregates) : IRequestHandler<ResolveSessionByKeyRequest, SessionState>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">The key is not a valid session key.</exception>
    /// <exception cref="NotFoundException"><c>session.not_found</c>: no live session holds the key.</exception>
    public async Task<SessionState> Handle(ResolveSessionByKeyRequest request, CancellationToken cancellationToken)
    {
        var claim = await aggregates.LoadAsync<SessionKeyState, ISessionKeyEvent>(SessionKeyDecider.StreamFor(request.Key), SessionKeyDecider.Initial, SessionKeyDecider.Evolve, cancellationToken);
        if (claim.State.HeldBy is not { } sessionId)
        {
            throw new NotFoundException("session", request.Key);
        }

        var session = await LiveSession.LoadAsync(aggregates, sessionId, cancellationToken);
        return session.State.Exists ? session.State : throw new NotFoundException("session", request.Key);
    }
}
