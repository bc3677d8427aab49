using Journal.Domain.Commands;
using Journal.Domain.Runs.UseCases;
using Journal.Domain.ToolJobs.UseCases;
using MediatR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.Application.Startup;

/// <summary>
/// At start-up, before anything else runs, fails the runs and tool jobs a crash left active: nothing
/// stays "running" forever because the process that ran it is gone. Registered by AddJournal.
/// </summary>
/// <remarks>
/// The handlers find their candidates in the open streams the tape writer keeps in the same transaction as
/// the rows (journal_open_streams, registered per category with the handlers' opening and closing types and
/// filled from the rows at the first ask), so a start costs what the open work costs, not the tape. Not the
/// runs and tool-job read models: they may be stopped or behind at start, and waiting for them ties the
/// start to their catch-up. The list only names candidates; each is re-decided on the tape's state, so a
/// stale list never fails finished work. See docs/operations.md, "Start-up recovery".
/// </remarks>
public sealed class StartupRecovery(IMediator mediator, Journal.EventStore.JournalStoreOptions options, ILogger<StartupRecovery> logger) : IHostedService
{
    private static readonly CommandContext Context = new(Actor: "journal.recovery", CorrelationId: "startup-recovery");

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.RecoversAtStartup)
        {
            logger.LogInformation("Start-up recovery skipped: the tape is shared, and runs or tool jobs left active may belong to another running instance (Journal:Tape:RecoverAtStartup)");
            return;
        }

        var runs = await mediator.Send(new RecoverInterruptedWorkRequest { Context = Context }, cancellationToken).ConfigureAwait(false);
        var jobs = await mediator.Send(new RecoverInterruptedToolJobsRequest { Context = Context }, cancellationToken).ConfigureAwait(false);
        if (runs.EventsWritten + jobs.EventsWritten > 0)
        {
            logger.LogWarning("Recovered work a stop left active: {RunEvents} run events, {JobEvents} tool job events appended", runs.EventsWritten, jobs.EventsWritten);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
