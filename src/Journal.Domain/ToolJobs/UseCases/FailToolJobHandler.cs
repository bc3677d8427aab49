using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>
/// Marks a running job as failed, with a reason and its process exit code when there is one; a failed
/// job may be retried.
/// </summary>
public sealed record FailToolJobRequest(Guid JobId, string Reason, int? ExitCode = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="FailToolJobRequest"/>.</summary>
public sealed class FailToolJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<FailToolJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(FailToolJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ToolJobDecider.Value, new FailToolJob(request.JobId, request.Reason, request.ExitCode, time.GetUtcNow()), cancellationToken);
}
