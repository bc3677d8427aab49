using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>Marks an active run as failed; a foreground run is detached from its session in the same append.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Reason">Why it failed.</param>
public sealed record FailRunRequest(Guid RunId, string Reason) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="FailRunRequest"/>.</summary>
public sealed class FailRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<FailRunRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(FailRunRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return RunEnding.ExecuteAsync(aggregates, request, request.RunId, state => RunDecider.Decide(new FailRun(request.RunId, request.Reason, now), state), now, cancellationToken);
    }
}
