using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>
/// "Run now": asks for a run of the job outside its schedule. The scheduler starts it (trigger
/// <c>manual</c>, id <paramref name="RunId"/>) at its next look, which a committed append wakes at once,
/// and publishes it to the executors as it does every run; under QueueOne it waits for the active run
/// to end. Asking again with the same <paramref name="RunId"/> while it waits changes nothing.
/// </summary>
/// <param name="RunId">The id the run will have (the caller picks it, so that it can follow the run).</param>
/// <param name="By">Who asks.</param>
public sealed record RunCronJobNowRequest(Guid JobId, Guid RunId, string? By = null) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="RunCronJobNowRequest"/>.</summary>
public sealed class RunCronJobNowHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<RunCronJobNowRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(RunCronJobNowRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, CronJobDecider.Value, new RunCronJobNow(request.JobId, request.RunId, request.By, time.GetUtcNow()), cancellationToken);
}
