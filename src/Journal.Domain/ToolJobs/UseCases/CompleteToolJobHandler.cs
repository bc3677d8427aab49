using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Marks a running job as succeeded, with its process exit code when there is one.</summary>
public sealed record CompleteToolJobRequest(Guid JobId, int? ExitCode = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CompleteToolJobRequest"/>.</summary>
public sealed class CompleteToolJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CompleteToolJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CompleteToolJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ToolJobDecider.Value, new CompleteToolJob(request.JobId, request.ExitCode, time.GetUtcNow()), cancellationToken);
}
