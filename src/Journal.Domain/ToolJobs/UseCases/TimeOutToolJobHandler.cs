using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Marks a running job as timed out; a timed-out job may be retried.</summary>
/// <param name="JobId">The job.</param>
public sealed record TimeOutToolJobRequest(Guid JobId) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="TimeOutToolJobRequest"/>.</summary>
public sealed class TimeOutToolJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<TimeOutToolJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(TimeOutToolJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync<ToolJobState, IToolJobEvent>(
            request,
            ToolJobDecider.StreamFor(request.JobId),
            ToolJobDecider.Initial,
            ToolJobDecider.Evolve,
            state => ToolJobDecider.Decide(new TimeOutToolJob(request.JobId, time.GetUtcNow()), state),
            cancellationToken);
}
