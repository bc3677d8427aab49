using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Pauses a job: no tick, retry or waiting run starts until it is resumed (an active run goes on). Pausing a paused job changes nothing.</summary>
/// <param name="By">Who pauses it.</param>
public sealed record PauseCronJobRequest(Guid JobId, string? By = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="PauseCronJobRequest"/>.</summary>
public sealed class PauseCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<PauseCronJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(PauseCronJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, CronJobDecider.Value, new PauseCronJob(request.JobId, request.By, time.GetUtcNow()), cancellationToken);
}
