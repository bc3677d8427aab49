using System.Globalization;
using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Sessions.UseCases;

/// <summary>
/// Reads one session's current state straight from its stream (not from a read model), so the
/// answer is as fresh as the tape.
/// </summary>
/// <param name="SessionId">The session, live or archived.</param>
public sealed record GetSessionRequest(Guid SessionId) : IRequest<SessionState>;

/// <summary>Handles <see cref="GetSessionRequest"/>.</summary>
public sealed class GetSessionHandler(IAggregateStore aggregates) : IRequestHandler<GetSessionRequest, SessionState>
{
    /// <inheritdoc />
    /// <exception cref="Errors.NotFoundException"><c>session.not_found</c>.</exception>
    public Task<SessionState> Handle(GetSessionRequest request, CancellationToken cancellationToken) =>
        LiveSession.ExistingAsync(aggregates, request.SessionId, request.SessionId.ToString("D", CultureInfo.InvariantCulture), cancellationToken);
}
