using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Runs.UseCases;

/// <summary>Moves an accepted run to in progress.</summary>
public sealed record StartRunRequest(Guid RunId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="StartRunRequest"/>.</summary>
public sealed class StartRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<StartRunRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(StartRunRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, RunDecider.Value, new StartRun(request.RunId, time.GetUtcNow()), cancellationToken);
}
