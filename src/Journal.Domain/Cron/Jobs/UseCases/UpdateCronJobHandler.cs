using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>
/// Redefines a job, whole. The new schedule starts from now; a waiting retry, queued run, catch-up or
/// review of the old definition is dropped, and max runs counts again. An active run goes on.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Name">A human name.</param>
/// <param name="Owner">The principal it runs on behalf of.</param>
/// <param name="Channel">Where its output goes (a key).</param>
/// <param name="SessionKey">The session key its runs use, if any.</param>
/// <param name="Payload">What to run: JSON text.</param>
/// <param name="Schedule">When it runs.</param>
/// <param name="Concurrency">What a tick does while a run is active.</param>
/// <param name="Misfire">Misfire policy (defaults as for create).</param>
/// <param name="Retry">Retry policy (defaults as for create).</param>
/// <param name="JitterSeconds">Up to this much later per tick.</param>
/// <param name="MaxRuns">Disables itself after this many runs, when set.</param>
/// <param name="TimeoutSeconds">A run is failed as stale after this long.</param>
public sealed record UpdateCronJobRequest(
    Guid JobId,
    string Name,
    string Owner,
    string Channel,
    string? SessionKey,
    string Payload,
    ScheduleSpec Schedule,
    ConcurrencyPolicy Concurrency = ConcurrencyPolicy.Forbid,
    MisfirePolicy? Misfire = null,
    RetryPolicy? Retry = null,
    long JitterSeconds = 0,
    int? MaxRuns = null,
    long? TimeoutSeconds = null) : ICommand
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
        var definition = CronJobInput.Definition(
            request.Name, request.Owner, request.Channel, request.SessionKey, request.Payload, request.Schedule, request.Concurrency,
            request.Misfire, request.Retry, request.JitterSeconds, request.MaxRuns, request.TimeoutSeconds, now);
        var command = new UpdateCronJob(request.JobId, definition, time.LocalTimeZone, now);
        return aggregates.ExecuteAsync<CronJobState, ICronJobEvent>(
            request, CronJobDecider.StreamFor(request.JobId), CronJobDecider.Initial, CronJobDecider.Evolve, state => CronJobDecider.Decide(command, state), cancellationToken);
    }
}
