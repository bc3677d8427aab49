using Journal.Domain.Commands;
using Journal.Domain.Cron.Jobs;
using Journal.Domain.Cron.Jobs.UseCases;
using Journal.Domain.Errors;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>
/// Finishes a run known only by its id (what an out-of-process executor holds): finds its job in the
/// cron read model, brought up to the tape's head first so a run claimed a moment ago is found, then
/// sends <see cref="FinishCronRunRequest"/> with the same context.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Outcome">Succeeded or Failed.</param>
/// <param name="Error">For Failed: what went wrong.</param>
public sealed record FinishCronRunByIdRequest(Guid RunId, CronRunOutcome Outcome, string? Error = null) : IRequest<CommandResult>
{
    /// <summary>Who finishes it; passed on to the command.</summary>
    public CommandContext Context { get; init; } = CommandContext.None;
}

/// <summary>Handles <see cref="FinishCronRunByIdRequest"/>.</summary>
public sealed class FinishCronRunByIdHandler(IMediator mediator, ProjectionDaemon daemon, ReadModelStore readModels) : IRequestHandler<FinishCronRunByIdRequest, CommandResult>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>cron_run.not_found</c>.</exception>
    public async Task<CommandResult> Handle(FinishCronRunByIdRequest request, CancellationToken cancellationToken)
    {
        await daemon.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        Guid jobId;
        using (var connection = readModels.OpenReader())
        {
            var run = ReadModelQueries.Row(connection, CronSql.SelectRun, CronSql.ReadRun, ("$run_id", ReadModelValues.Id(request.RunId)))
                ?? throw new NotFoundException("cron_run", ReadModelValues.Id(request.RunId));
            jobId = run.JobId;
        }

        return await mediator.Send(new FinishCronRunRequest(jobId, request.RunId, request.Outcome, request.Error) { Context = request.Context }, cancellationToken).ConfigureAwait(false);
    }
}
