using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Marks a running job as timed out; a timed-out job may be retried.</summary>
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
        aggregates.ExecuteAsync(request, ToolJobDecider.Value, new TimeOutToolJob(request.JobId, time.GetUtcNow()), cancellationToken);
}
