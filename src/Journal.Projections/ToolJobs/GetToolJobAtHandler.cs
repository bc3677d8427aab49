using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.Domain.ToolJobs;
using Journal.EventStore.Ports;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.ToolJobs;

/// <summary>
/// Time travel: a tool job as its read model was after the job's stream version
/// <paramref name="StreamVersion"/> and/or tape position <paramref name="Position"/> (the latest when
/// neither is given), folded from the tape with <see cref="ToolJobFold"/>.
/// </summary>
/// <param name="StreamVersion">The last stream version to include, if bounded.</param>
/// <param name="Position">The last tape position to include, if bounded.</param>
public sealed record GetToolJobAtQuery(Guid JobId, long? StreamVersion = null, long? Position = null) : IRequest<ToolJobView>;

/// <summary>Handles <see cref="GetToolJobAtQuery"/>.</summary>
public sealed class GetToolJobAtHandler(IEventStore tape, ITapeFeed feed) : IRequestHandler<GetToolJobAtQuery, ToolJobView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>tooljob.not_found</c>: the job did not exist at that point.</exception>
    /// <exception cref="ValidationException">A negative bound.</exception>
    public async Task<ToolJobView> Handle(GetToolJobAtQuery request, CancellationToken cancellationToken) =>
        await StreamHistory.FoldAsync<ToolJobView>(tape, feed.Serializer, ToolJobDecider.StreamFor(request.JobId), request.StreamVersion, request.Position, ToolJobFold.Apply, cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("tooljob", ReadModelValues.Id(request.JobId));
}
