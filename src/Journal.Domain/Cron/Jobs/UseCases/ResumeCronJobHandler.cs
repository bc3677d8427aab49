using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Resumes a paused job from its next tick after now: ticks that fell in the pause do not run.</summary>
/// <param name="By">Who resumes it.</param>
public sealed record ResumeCronJobRequest(Guid JobId, string? By = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="ResumeCronJobRequest"/>.</summary>
public sealed class ResumeCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<ResumeCronJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(ResumeCronJobRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, CronJobDecider.Value, new ResumeCronJob(request.JobId, request.By, time.LocalTimeZone, time.GetUtcNow()), cancellationToken);
}
