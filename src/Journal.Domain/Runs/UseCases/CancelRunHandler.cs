using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Marks an active run as cancelled (it has stopped), with an optional reason; a foreground run is
/// detached from its session in the same append.
/// </summary>
public sealed record CancelRunRequest(Guid RunId, string? Reason = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CancelRunRequest"/>.</summary>
public sealed class CancelRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CancelRunRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CancelRunRequest request, CancellationToken cancellationToken) =>
        RunEnding.ExecuteAsync(aggregates, request, new CancelRun(request.RunId, request.Reason, time.GetUtcNow()), cancellationToken);
}
