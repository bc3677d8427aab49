using Journal.Domain.Commands;
using MediatR;

namespace Journal.Domain.Cron.Jobs.UseCases;

/// <summary>Decides a job in review after a long outage: Run the missed ticks (as a catch-up) or Skip them (recorded as denied).</summary>
/// <param name="Decision">Run or Skip.</param>
/// <param name="By">Who decides.</param>
public sealed record DecideCronReviewRequest(Guid JobId, ReviewDecision Decision, string By) : ICommand
{
    /// <inheritdoc />
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="DecideCronReviewRequest"/>.</summary>
public sealed class DecideCronReviewHandler(IAggregateStore aggregates, TimeProvider time) : IRequestHandler<DecideCronReviewRequest, CommandResult>
{
    /// <inheritdoc />
    public Task<CommandResult> Handle(DecideCronReviewRequest request, CancellationToken cancellationToken) =>
        aggregates.ExecuteAsync(request, CronJobDecider.Value, new DecideCronReview(request.JobId, request.Decision, request.By, time.LocalTimeZone, time.GetUtcNow()), cancellationToken);
}
