using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>
/// The scheduler's look at one job now (see <see cref="TickCronJob"/>). Appends against the version the
/// job was loaded at: when another scheduler got there first, this one fails with
/// <see cref="Errors.WrongExpectedVersionException"/> and has written nothing.
/// </summary>
/// <param name="JobId">The job.</param>
public sealed record TickCronJobRequest(Guid JobId) : IRequest<CronTickOutcome>
{
    /// <summary>Who ticks (the scheduler).</summary>
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>What a tick did.</summary>
/// <param name="Result">The append (events written 0 when nothing was due).</param>
/// <param name="Events">The events it appended.</param>
/// <param name="Claimed">The run it started, if any, ready to publish.</param>
public sealed record CronTickOutcome(CommandResult Result, IReadOnlyList<ICronJobEvent> Events, CronRunClaimed? Claimed);

/// <summary>Handles <see cref="TickCronJobRequest"/>.</summary>
public sealed class TickCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<TickCronJobRequest, CronTickOutcome>
{
    /// <inheritdoc />
    public async Task<CronTickOutcome> Handle(TickCronJobRequest request, CancellationToken cancellationToken)
    {
        var stream = CronJobDecider.StreamFor(request.JobId);
        var loaded = await aggregates.LoadAsync<CronJobState, ICronJobEvent>(stream, CronJobDecider.Initial, CronJobDecider.Evolve, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var events = CronJobDecider.Decide(new TickCronJob(request.JobId, Guid.CreateVersion7(now), time.LocalTimeZone, now), loaded.State);
        if (events.Count == 0)
        {
            return new CronTickOutcome(new CommandResult(stream.Value, loaded.Version, loaded.Position, 0), events, null);
        }

        var state = Fold.All(loaded.State, events, CronJobDecider.Evolve);
        var result = await aggregates.SaveAsync([new AggregateChange(stream, loaded.Version, events, state)], new SchedulerCommand(request.Context), cancellationToken).ConfigureAwait(false);
        var claimed = events.OfType<CronRunStarted>().Select(e => Claim(e, state.Definition!)).FirstOrDefault();
        return new CronTickOutcome(result, events, claimed);
    }

    private static CronRunClaimed Claim(CronRunStarted e, CronJobDefinition d) =>
        new(e.JobId, e.RunId, e.Tick, e.Attempt, e.Ticks, e.Trigger, e.TimeoutAt, d.Owner, d.Channel, d.SessionKey, d.Payload);

    /// <summary>The tick as the store sees it: a command with the scheduler's context and no idempotency key.</summary>
    private sealed record SchedulerCommand(CommandContext Context) : ICommand;
}
