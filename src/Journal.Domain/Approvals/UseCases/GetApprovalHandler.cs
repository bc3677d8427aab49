using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Approvals.UseCases;

/// <summary>
/// Reads one approval from its own stream (not from a read model), so the answer reflects every
/// decision already appended: what a caller about to act on an approval must see.
/// </summary>
public sealed record GetApprovalRequest(Guid ApprovalId) : IRequest<ApprovalState>;

/// <summary>Handles <see cref="GetApprovalRequest"/>.</summary>
public sealed class GetApprovalHandler(IAggregateStore aggregates) : IRequestHandler<GetApprovalRequest, ApprovalState>
{
    /// <inheritdoc />
    /// <exception cref="Errors.NotFoundException"><c>approval.not_found</c>: no such approval was requested.</exception>
    public async Task<ApprovalState> Handle(GetApprovalRequest request, CancellationToken cancellationToken)
    {
        var approval = await aggregates.LoadAsync(ApprovalDecider.Value, ApprovalDecider.StreamFor(request.ApprovalId), cancellationToken);
        return approval.State.Exists ? approval.State : throw Refuse.NotFound("approval", request.ApprovalId);
    }
}
