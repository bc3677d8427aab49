using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Approvals.UseCases;

/// <summary>
/// Answers a pending approval before it expires. For a session-long or time-boxed scope, or a one-off
/// request the approver asked to remember for the session, the answer is remembered: the appended
/// <see cref="ApprovalDecided"/> carries everything a read model needs.
/// </summary>
/// <param name="ApprovalId">The approval; it must be pending and not past its deadline.</param>
/// <param name="Decision">Allow or deny.</param>
/// <param name="DecidedBy">Who answers.</param>
/// <param name="Reason">Why, optional.</param>
/// <param name="RememberForSession">
/// "Remember this decision": widen a one-off request's answer to later requests of the same subject in the
/// session, as a <see cref="ApprovalScope.Session"/> request's is (422 <c>approval.remember_not_once</c> for
/// any other scope).
/// </param>
public sealed record DecideApprovalRequest(Guid ApprovalId, ApprovalDecision Decision, string DecidedBy, string? Reason = null, bool RememberForSession = false) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="DecideApprovalRequest"/>.</summary>
public sealed class DecideApprovalHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<DecideApprovalRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(DecideApprovalRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ApprovalDecider.Value, new DecideApproval(request.ApprovalId, request.Decision, request.DecidedBy, request.Reason, time.GetUtcNow(), request.RememberForSession), cancellationToken);
}
