using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Creates a scheduled job; its first tick is the schedule's first fire time after now.</summary>
/// <param name="JobId">The new job's id (a new one when null).</param>
/// <param name="Name">A human name.</param>
/// <param name="Owner">The principal it runs on behalf of.</param>
/// <param name="Channel">Where its output goes (a key).</param>
/// <param name="SessionKey">The session key its runs use, if any.</param>
/// <param name="Payload">What to run: JSON text.</param>
/// <param name="Schedule">When it runs.</param>
/// <param name="Concurrency">What a tick does while a run is active (Forbid by default).</param>
/// <param name="Misfire">Misfire policy (Skip, 60 s grace, no review by default).</param>
/// <param name="Retry">Retry policy (one attempt by default).</param>
/// <param name="JitterSeconds">Up to this much later per tick, fixed per job and tick.</param>
/// <param name="MaxRuns">Disables itself after this many runs, when set.</param>
/// <param name="TimeoutSeconds">A run is failed as stale after this long (one hour by default).</param>
public sealed record CreateCronJobRequest(
    Guid? JobId,
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

/// <summary>Handles <see cref="CreateCronJobRequest"/>.</summary>
public sealed class CreateCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<CreateCronJobRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(CreateCronJobRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var jobId = request.JobId ?? Guid.CreateVersion7(now);
        var definition = CronJobInput.Definition(
            request.Name, request.Owner, request.Channel, request.SessionKey, request.Payload, request.Schedule, request.Concurrency,
            request.Misfire, request.Retry, request.JitterSeconds, request.MaxRuns, request.TimeoutSeconds, now);
        var command = new CreateCronJob(jobId, definition, time.LocalTimeZone, now);
        return aggregates.ExecuteAsync<CronJobState, ICronJobEvent>(
            request, CronJobDecider.StreamFor(jobId), CronJobDecider.Initial, CronJobDecider.Evolve, state => CronJobDecider.Decide(command, state), cancellationToken);
    }
}
