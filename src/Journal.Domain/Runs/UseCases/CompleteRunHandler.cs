using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>
/// Marks a run in progress as succeeded (refused once a cancel was requested); a foreground run is
/// detached from its session in the same append.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Summary">A short outcome, optional.</param>
public sealed record CompleteRunRequest(Guid RunId, string? Summary = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CompleteRunRequest"/>.</summary>
public sealed class CompleteRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CompleteRunRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CompleteRunRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return RunEnding.ExecuteAsync(aggregates, request, request.RunId, state => RunDecider.Decide(new CompleteRun(request.RunId, request.Summary, now), state), now, cancellationToken);
    }
}
