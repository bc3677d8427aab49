using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Marks a running job as succeeded.</summary>
/// <param name="JobId">The job.</param>
/// <param name="ExitCode">The process exit code, optional.</param>
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
        aggregates.ExecuteAsync<ToolJobState, IToolJobEvent>(
            request,
            ToolJobDecider.StreamFor(request.JobId),
            ToolJobDecider.Initial,
            ToolJobDecider.Evolve,
            state => ToolJobDecider.Decide(new CompleteToolJob(request.JobId, request.ExitCode, time.GetUtcNow()), state),
            cancellationToken);
}
