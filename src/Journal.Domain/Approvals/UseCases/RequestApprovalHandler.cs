using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Approvals.UseCases;

/// <summary>Asks a human to approve something before <paramref name="ExpiresAt"/>.</summary>
/// <param name="ApprovalId">The new approval's id (a new one when null).</param>
/// <param name="SessionId">The session asking.</param>
/// <param name="SubjectType">What kind of thing needs approval, such as <c>tool.shell</c>.</param>
/// <param name="SubjectId">Which one.</param>
/// <param name="Summary">What the human is shown.</param>
/// <param name="Scope">How far an answer reaches.</param>
/// <param name="ExpiresAt">Deadline for a decision; must be in the future.</param>
/// <param name="DurationSeconds">Required (1 s to 30 days) for <see cref="ApprovalScope.Timeboxed"/>; refused otherwise.</param>
public sealed record RequestApprovalRequest(
    Guid? ApprovalId,
    Guid SessionId,
    string SubjectType,
    string SubjectId,
    string Summary,
    ApprovalScope Scope,
    DateTimeOffset ExpiresAt,
    long? DurationSeconds = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RequestApprovalRequest"/>.</summary>
public sealed class RequestApprovalHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RequestApprovalRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RequestApprovalRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var approvalId = request.ApprovalId ?? Guid.CreateVersion7(now);
        var command = new RequestApproval(
            approvalId, request.SessionId, request.SubjectType, request.SubjectId, request.Summary, request.Scope, request.DurationSeconds, request.ExpiresAt, now);
        return aggregates.ExecuteAsync(request, ApprovalDecider.Value, command, cancellationToken);
    }
}
