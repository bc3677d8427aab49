using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Deletes a job; refused (<c>cron.run_active</c>) while one of its runs is active.</summary>
/// <param name="By">Who deletes it.</param>
public sealed record DeleteCronJobRequest(Guid JobId, string? By = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="DeleteCronJobRequest"/>.</summary>
public sealed class DeleteCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<DeleteCronJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(DeleteCronJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, CronJobDecider.Value, new DeleteCronJob(request.JobId, request.By, time.GetUtcNow()), cancellationToken);
}
