using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Marks a run in progress as succeeded, with an optional short summary of the outcome (refused once a
/// cancel was requested); a foreground run is detached from its session in the same append.
/// </summary>
public sealed record CompleteRunRequest(Guid RunId, string? Summary = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CompleteRunRequest"/>.</summary>
public sealed class CompleteRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CompleteRunRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CompleteRunRequest request, CancellationToken cancellationToken) =>
        RunEnding.ExecuteAsync(aggregates, request, new CompleteRun(request.RunId, request.Summary, time.GetUtcNow()), cancellationToken);
}
