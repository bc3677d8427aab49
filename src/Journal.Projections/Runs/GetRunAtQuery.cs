using Journal.Domain.Errors;
using Journal.Domain.Runs;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Runs;

/// <summary>
/// Time travel: a run as it was after a version of its stream (<c>run-{id}</c>) or after a tape
/// position, folded from the tape with <see cref="RunFold"/>; read from the tape, so it never waits
/// for projections.
/// </summary>
/// <param name="StreamVersion">As of this version of its stream (from 1); or</param>
/// <param name="Position">as of this tape position; the current state when both are null.</param>
public sealed record GetRunAtQuery(Guid RunId, long? StreamVersion = null, long? Position = null) : IRequest<RunView>;

/// <summary>Handles <see cref="GetRunAtQuery"/>.</summary>
public sealed class GetRunAtHandler(IEventStore tape, ITapeFeed feed) : IRequestHandler<GetRunAtQuery, RunView>
{
    /// <inheritdoc />
    /// <exception cref="ValidationException">A bound is negative.</exception>
    /// <exception cref="NotFoundException"><c>run.not_found</c>: the run did not exist at that point.</exception>
    public async Task<RunView> Handle(GetRunAtQuery request, CancellationToken cancellationToken)
    {
        var view = await StreamHistory.FoldAsync<RunView>(
            tape, feed.Serializer, RunDecider.StreamFor(request.RunId), request.StreamVersion, request.Position, RunFold.Evolve, cancellationToken).ConfigureAwait(false);
        return view ?? throw new NotFoundException("run", ReadModelValues.Id(request.RunId));
    }
}
