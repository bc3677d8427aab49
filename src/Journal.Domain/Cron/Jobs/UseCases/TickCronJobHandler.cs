using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>
/// The scheduler's look at one job now (see <see cref="TickCronJob"/>). Starting a run is a claim: the
/// append carries the version the job was decided on, so of two schedulers only one starts a run. The
/// loser's append is refused and its tick decided again on what the winner wrote, which usually leaves
/// nothing to do (<see cref="CronTickOutcome.Lost"/>); after too many lost races it fails with
/// <see cref="Errors.WrongExpectedVersionException"/>, having written nothing.
/// </summary>
public sealed record TickCronJobRequest(Guid JobId) : IRequest<CronTickOutcome>
{
    /// <summary>Who ticks (the scheduler).</summary>
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>What a tick did.</summary>
/// <param name="Result">The append (events written 0 when nothing was due).</param>
/// <param name="Events">The events it appended.</param>
/// <param name="Claimed">The run it started, if any, ready to publish.</param>
/// <param name="Lost">
/// Another writer changed the job while this tick decided, and on what it wrote nothing was left to do:
/// whatever was due, that writer handled.
/// </param>
public sealed record CronTickOutcome(CommandResult Result, IReadOnlyList<ICronJobEvent> Events, CronRunClaimed? Claimed, bool Lost = false);

/// <summary>Handles <see cref="TickCronJobRequest"/>.</summary>
public sealed class TickCronJobHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<TickCronJobRequest, CronTickOutcome>
{
    /// <inheritdoc />
    public async Task<CronTickOutcome> Handle(TickCronJobRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tick = new TickCronJob(request.JobId, Guid.CreateVersion7(now), time.LocalTimeZone, now);
        var decisions = 0;
        AggregateChange? decided = null;
        var result = await aggregates.ExecuteAsync(new SchedulerCommand(request.Context), CronJobDecider.StreamFor(request.JobId), async (load, ct) =>
        {
            // Decided again after a lost race: the last decision is the one appended, and the one reported.
            decisions++;
            decided = await load.DecideAsync(CronJobDecider.Value, tick, ct);
            return DeciderLoading.Changes(decided);
        }, cancellationToken).ConfigureAwait(false);

        if (decided is null)
        {
            return new CronTickOutcome(result, [], null, Lost: decisions > 1);
        }

        var events = decided.Events.Cast<ICronJobEvent>().ToList();
        var definition = ((CronJobState)decided.NewState).Definition!;
        var claimed = events.OfType<CronRunStarted>().Select(e => Claim(e, definition)).FirstOrDefault();
        return new CronTickOutcome(result, events, claimed);
    }

    private static CronRunClaimed Claim(CronRunStarted e, CronJobDefinition d) =>
        new(e.JobId, e.RunId, e.Tick, e.Attempt, e.Ticks, e.Trigger, e.TimeoutAt, d.Owner, d.Channel, d.SessionKey, d.Payload);

    /// <summary>The tick as the store sees it: a command with the scheduler's context and no idempotency key.</summary>
    private sealed record SchedulerCommand(CommandContext Context) : ICommand;
}
