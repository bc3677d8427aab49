using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>
/// Redefines a job, whole. The new schedule starts from now; a waiting retry, queued run, catch-up or
/// review of the old definition is dropped, and max runs counts again. An active run goes on.
/// </summary>
public sealed record UpdateCronJobRequest(Guid JobId, CronJobSpec Job) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="UpdateCronJobRequest"/>.</summary>
public sealed class UpdateCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<UpdateCronJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(UpdateCronJobRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return aggregates.ExecuteAsync(request, CronJobDecider.Value, new UpdateCronJob(request.JobId, request.Job.Definition(now), time.LocalTimeZone, now), cancellationToken);
    }
}
