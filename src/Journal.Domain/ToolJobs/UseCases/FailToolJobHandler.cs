using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Marks a running job as failed; a failed job may be retried.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Reason">Why.</param>
/// <param name="ExitCode">The process exit code, optional.</param>
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
        aggregates.ExecuteAsync<ToolJobState, IToolJobEvent>(
            request,
            ToolJobDecider.StreamFor(request.JobId),
            ToolJobDecider.Initial,
            ToolJobDecider.Evolve,
            state => ToolJobDecider.Decide(new FailToolJob(request.JobId, request.Reason, request.ExitCode, time.GetUtcNow()), state),
            cancellationToken);
}
