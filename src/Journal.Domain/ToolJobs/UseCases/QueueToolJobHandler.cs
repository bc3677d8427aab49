using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.ToolJobs.UseCases;

/// <summary>Queues a new tool job.</summary>
/// <param name="JobId">The new job's id (a new one when null).</param>
/// <param name="SessionId">The session it serves.</param>
/// <param name="RunId">The run that asks for it, optional.</param>
/// <param name="Arguments">The tool's arguments (usually JSON text), optional.</param>
public sealed record QueueToolJobRequest(Guid? JobId, Guid SessionId, string ToolName, Guid? RunId = null, string? Arguments = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="QueueToolJobRequest"/>.</summary>
public sealed class QueueToolJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<QueueToolJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(QueueToolJobRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var jobId = request.JobId ?? Guid.CreateVersion7(now);
        return aggregates.ExecuteAsync(request, ToolJobDecider.Value, new QueueToolJob(jobId, request.SessionId, request.RunId, request.ToolName, request.Arguments, now), cancellationToken);
    }
}
