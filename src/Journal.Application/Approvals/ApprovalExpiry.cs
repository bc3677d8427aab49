using Journal.Projections.Approvals;
using Journal.Domain.Approvals.UseCases;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Application.Approvals;

/// <summary>
/// Turns pending approvals whose expiry has passed into timed-out ones, on a schedule: nobody has to
/// remember to expire them. Finds them in the approvals read model, expires each through its command
/// (the decider has the last word, so a decision that races the sweep still wins or loses cleanly).
/// </summary>
public sealed class ApprovalExpiry(
    IMediator mediator,
    ProjectionDaemon daemon,
    ReadModelStore readModels,
    ProjectionOptions options,
    TimeProvider time,
    ILogger<ApprovalExpiry> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly CommandContext Context = new(Actor: "journal.approval-expiry");

    /// <summary>Expires every pending approval due at the current time; returns how many it expired.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        await daemon.CatchUpAsync(ct).ConfigureAwait(false);
        using var connection = readModels.OpenReader();
        var due = ReadModelQueries.Rows(connection, ApprovalSql.SelectDueApprovals, r => r.GetId(0), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("$limit", BatchSize));
        var expired = 0;
        foreach (var approvalId in due)
        {
            try
            {
                var result = await mediator.Send(new ExpireApprovalRequest(approvalId) { Context = Context }, ct).ConfigureAwait(false);
                expired += result.EventsWritten > 0 ? 1 : 0;
            }
            catch (JournalException ex) when (ex is RuleViolationException or WrongExpectedVersionException)
            {
                // Decided (or expired) meanwhile: nothing to do.
                logger.LogDebug("approval {ApprovalId} not expired: {Code}", approvalId, ex.Code);
            }
        }

        return expired;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ApprovalExpirySweep == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.ApprovalExpirySweep, time);
        do
        {
            try
            {
                var expired = await ExpireDueAsync(stoppingToken).ConfigureAwait(false);
                if (expired > 0)
                {
                    logger.LogInformation("expired {Count} pending approvals", expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "approval expiry sweep failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
