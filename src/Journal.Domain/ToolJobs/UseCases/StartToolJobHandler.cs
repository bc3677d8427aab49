using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Moves a queued job to running.</summary>
public sealed record StartToolJobRequest(Guid JobId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="StartToolJobRequest"/>.</summary>
public sealed class StartToolJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<StartToolJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(StartToolJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ToolJobDecider.Value, new StartToolJob(request.JobId, time.GetUtcNow()), cancellationToken);
}
