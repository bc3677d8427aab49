using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Cancels a queued or running job, with an optional reason.</summary>
public sealed record CancelToolJobRequest(Guid JobId, string? Reason = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CancelToolJobRequest"/>.</summary>
public sealed class CancelToolJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CancelToolJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CancelToolJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, ToolJobDecider.Value, new CancelToolJob(request.JobId, request.Reason, time.GetUtcNow()), cancellationToken);
}
