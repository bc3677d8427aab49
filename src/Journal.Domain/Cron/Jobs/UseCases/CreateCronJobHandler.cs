using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Creates a scheduled job; its first tick is the schedule's first fire time after now.</summary>
/// <param name="JobId">The new job's id (a new one when null).</param>
/// <param name="Job">What it runs, when and how.</param>
public sealed record CreateCronJobRequest(Guid? JobId, CronJobSpec Job) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="CreateCronJobRequest"/>.</summary>
public sealed class CreateCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CreateCronJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CreateCronJobRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var command = new CreateCronJob(request.JobId ?? Guid.CreateVersion7(now), request.Job.Definition(now), time.LocalTimeZone, now);
        return aggregates.ExecuteAsync(request, CronJobDecider.Value, command, cancellationToken);
    }
}
