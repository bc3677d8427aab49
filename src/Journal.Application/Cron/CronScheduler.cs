using Journal.Projections.Cron;
using Journal.Domain.Commands;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Application.Cron;

/// <summary>
/// Runs scheduled jobs. Sleeps until the earliest wake time in the cron read model (a job's next fire
/// time, a retry, a run's timeout) or until an append is committed, whichever comes first; then looks at
/// every due job through <see cref="TickCronJobRequest"/>. Starting a run is a claim: the append carries
/// the job stream's expected version, so when several schedulers share the tape exactly one starts each
/// run; another's tick is decided again on what the winner wrote and finds nothing left to do
/// (<see cref="CronTickOutcome.Lost"/>, or <see cref="WrongExpectedVersionException"/> after too many
/// lost races), and it moves on. Each claimed run is
/// published as <see cref="CronRunClaimed"/>. Its first pass, at start-up, fails runs left active past
/// their timeout by a previous process (stale recovery).
/// </summary>
public sealed class CronScheduler(
    IMediator mediator,
    ProjectionDaemon daemon,
    ReadModelStore readModels,
    IEventStore tape,
    CronSchedulerOptions options,
    TimeProvider time,
    ILogger<CronScheduler> logger) : BackgroundService
{
    private static readonly CommandContext Context = new(Actor: "journal.cron-scheduler");
    private readonly TaskCompletionSource<CronPass> _startupPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes after the hosted scheduler's first pass at start-up, which fails the runs a previous process
    /// left active past their timeout (stale recovery) and catches up what fell due while it was down.
    /// </summary>
    public Task<CronPass> StartupPass => _startupPass.Task;

    /// <summary>Registers the options (unless registered already), the scheduler and its hosted service.</summary>
    public static void Register(IServiceCollection services)
    {
        services.TryAddSingleton(new CronSchedulerOptions());
        services.TryAddSingleton<CronScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CronScheduler>());
    }

    /// <summary>Handles every job due now: catches the read model up, then ticks each due job once.</summary>
    public async Task<CronPass> RunDueAsync(CancellationToken ct)
    {
        await daemon.CatchUpAsync(ct).ConfigureAwait(false);
        List<Guid> due;
        using (var connection = readModels.OpenReader())
        {
            due = ReadModelQueries.Rows(connection, CronSql.SelectDueJobs, r => r.GetId(0), ("$now", ReadModelValues.Ms(time.GetUtcNow())), ("$limit", options.BatchSize));
        }

        int claimed = 0, lost = 0, written = 0;
        foreach (var jobId in due)
        {
            CronTickOutcome outcome;
            try
            {
                outcome = await mediator.Send(new TickCronJobRequest(jobId) { Context = Context }, ct).ConfigureAwait(false);
            }
            catch (WrongExpectedVersionException)
            {
                // Lost the race to other writers more times than the store decides again: the job is theirs for now.
                lost++;
                logger.LogDebug("cron job {JobId}: other writers kept getting there first", jobId);
                continue;
            }
            catch (JournalException ex)
            {
                logger.LogWarning("cron job {JobId} not ticked: {Code} {Message}", jobId, ex.Code, ex.Message);
                continue;
            }

            if (outcome.Lost)
            {
                // Another scheduler (or a command) changed the job first, and on what it wrote nothing was left due.
                lost++;
                logger.LogDebug("cron job {JobId}: another writer got there first", jobId);
                continue;
            }

            written += outcome.Result.EventsWritten;
            if (outcome.Claimed is { } run)
            {
                claimed++;
                await PublishAsync(run, ct).ConfigureAwait(false);
            }
        }

        return new CronPass(due.Count, claimed, lost, written);
    }

    /// <summary>The earliest time any job needs the scheduler, from the read model; null when none does.</summary>
    public DateTimeOffset? NextWakeAt()
    {
        using var connection = readModels.OpenReader();
        return ReadModelQueries.Rows(connection, CronSql.SelectNextWake, r => r.GetTimeOrNull(0)) is [{ } wake] ? wake : null;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var subscription = tape.Committed.Subscribe(new Signal(this));
        while (!stoppingToken.IsCancellationRequested)
        {
            var committed = Volatile.Read(ref _committed).Task;
            TimeSpan sleep;
            try
            {
                var pass = await RunDueAsync(stoppingToken).ConfigureAwait(false);
                _startupPass.TrySetResult(pass);
                var wake = NextWakeAt();
                var now = time.GetUtcNow();
                sleep = wake is null ? options.MaxSleep : Clamp(wake.Value - now, TimeSpan.Zero, options.MaxSleep);
                if (sleep == TimeSpan.Zero && pass.EventsWritten == 0)
                {
                    sleep = options.IdlePause;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "cron scheduler pass failed; trying again shortly");
                sleep = options.IdlePause;
            }

            if (sleep > TimeSpan.Zero)
            {
                try
                {
                    await Task.WhenAny(Task.Delay(sleep, time, stoppingToken), committed).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PublishAsync(CronRunClaimed run, CancellationToken ct)
    {
        try
        {
            await mediator.Publish(run, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run is claimed either way; an executor that failed to take it is caught by the run's timeout.
            logger.LogError(ex, "an executor failed to take cron run {RunId} of job {JobId}", run.RunId, run.JobId);
        }
    }

    private void OnCommitted() => Interlocked.Exchange(ref _committed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    /// <summary>Wakes the loop on every committed append: a job may have been created or changed.</summary>
    private sealed class Signal(CronScheduler scheduler) : IObserver<long>
    {
        public void OnNext(long value) => scheduler.OnCommitted();

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
