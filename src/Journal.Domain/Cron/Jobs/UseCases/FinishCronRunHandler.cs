using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Finishes a job's active run, for an executor: succeeded, or failed with an error (redacted by the tape); a failure is retried by the job's retry policy.</summary>
/// <param name="Outcome">Succeeded or Failed.</param>
/// <param name="Error">For Failed: what went wrong (required); refused for Succeeded.</param>
public sealed record FinishCronRunRequest(Guid JobId, Guid RunId, CronRunOutcome Outcome, string? Error = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="FinishCronRunRequest"/>.</summary>
public sealed class FinishCronRunHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<FinishCronRunRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(FinishCronRunRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, CronJobDecider.Value, new FinishCronRun(request.JobId, request.RunId, request.Outcome, request.Error, time.GetUtcNow()), cancellationToken);
}
