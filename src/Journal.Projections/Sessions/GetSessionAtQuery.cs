using Journal.Domain.Errors;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Sessions;

/// <summary>
/// Time travel: a session as it was after a version of its stream (<c>session-{id}</c>) or after a
/// tape position, folded from the tape with <see cref="SessionFold"/>. Read from the tape, so it never
/// waits for projections. Only the session's own stream is folded: <see cref="SessionView.LastRunId"/>,
/// <see cref="SessionView.LastRunStatus"/>, <see cref="SessionView.RunCount"/> and
/// <see cref="SessionView.TranscriptEntryCount"/> come from other streams (the runs' and the
/// transcript's) and stay at their initial values (null, 0) here.
/// </summary>
/// <param name="StreamVersion">As of this version of its stream (from 1); or</param>
/// <param name="Position">as of this tape position; the current state when both are null.</param>
public sealed record GetSessionAtQuery(Guid SessionId, long? StreamVersion = null, long? Position = null) : IRequest<SessionView>;

/// <summary>Handles <see cref="GetSessionAtQuery"/>.</summary>
public sealed class GetSessionAtHandler(IEventStore tape, ITapeFeed feed) : IRequestHandler<GetSessionAtQuery, SessionView>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">A bound is negative.</exception>
    /// <exception cref="NotFoundException"><c>session.not_found</c>: the session did not exist at that point.</exception>
    public async Task<SessionView> Handle(GetSessionAtQuery request, CancellationToken cancellationToken)
    {
        var view = await StreamHistory.FoldAsync<SessionView>(
            tape, feed.Serializer, SessionDecider.StreamFor(request.SessionId), request.StreamVersion, request.Position, SessionFold.Evolve, cancellationToken).ConfigureAwait(false);
        return view ?? throw new NotFoundException("session", ReadModelValues.Id(request.SessionId));
    }
}
