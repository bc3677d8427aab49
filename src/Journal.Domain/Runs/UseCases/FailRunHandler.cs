using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>Marks an active run as failed, with a reason (required); a foreground run is detached from its session in the same append.</summary>
public sealed record FailRunRequest(Guid RunId, string Reason) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="FailRunRequest"/>.</summary>
public sealed class FailRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<FailRunRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(FailRunRequest request, CancellationToken cancellationToken) =>
        RunEnding.ExecuteAsync(aggregates, request, new FailRun(request.RunId, request.Reason, time.GetUtcNow()), cancellationToken);
}
