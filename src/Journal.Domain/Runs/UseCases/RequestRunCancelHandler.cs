using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Asks an active run to stop (naming who asks is optional); from then on it can only be cancelled or
/// fail. Asking again writes nothing.
/// </summary>
public sealed record RequestRunCancelRequest(Guid RunId, string? RequestedBy = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RequestRunCancelRequest"/>.</summary>
public sealed class RequestRunCancelHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RequestRunCancelRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RequestRunCancelRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, RunDecider.Value, new RequestRunCancel(request.RunId, request.RequestedBy, time.GetUtcNow()), cancellationToken);
}
