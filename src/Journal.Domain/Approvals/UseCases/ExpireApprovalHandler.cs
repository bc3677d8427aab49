using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Approvals.UseCases;

/// <summary>
/// Turns a pending approval past its deadline into timed out. An approval already decided or timed
/// out is left alone (nothing written), so a sweeper may send this freely; one not yet due is refused.
/// </summary>
public sealed record ExpireApprovalRequest(Guid ApprovalId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="ExpireApprovalRequest"/>.</summary>
public sealed class ExpireApprovalHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<ExpireApprovalRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(ExpireApprovalRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ApprovalDecider.Value, new ExpireApproval(request.ApprovalId, time.GetUtcNow()), cancellationToken);
}
