using Journal.Domain.Approvals;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Approvals;

/// <summary>
/// Time travel: an approval as its read model was after the approval's stream version
/// <paramref name="StreamVersion"/> and/or tape position <paramref name="Position"/> (the latest when
/// neither is given), folded from the tape with <see cref="ApprovalFold"/>.
/// </summary>
/// <param name="StreamVersion">The last stream version to include, if bounded.</param>
/// <param name="Position">The last tape position to include, if bounded.</param>
public sealed record GetApprovalAtQuery(Guid ApprovalId, long? StreamVersion = null, long? Position = null) : IRequest<ApprovalRow>;

/// <summary>Handles <see cref="GetApprovalAtQuery"/>.</summary>
public sealed class GetApprovalAtHandler(IEventStore tape, ITapeFeed feed) : IRequestHandler<GetApprovalAtQuery, ApprovalRow>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>approval.not_found</c>: the approval did not exist at that point.</exception>
    /// <exception cref="ValidationException">A negative bound.</exception>
    public async Task<ApprovalRow> Handle(GetApprovalAtQuery request, CancellationToken cancellationToken) =>
        await StreamHistory.FoldAsync<ApprovalRow>(tape, feed.Serializer, ApprovalDecider.StreamFor(request.ApprovalId), request.StreamVersion, request.Position, ApprovalFold.Apply, cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("approval", ReadModelValues.Id(request.ApprovalId));
}
