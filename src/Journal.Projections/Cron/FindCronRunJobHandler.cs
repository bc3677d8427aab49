using Journal.Domain.Errors;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>
/// The job a run belongs to, for an executor that holds only the run id (<c>POST /v1/cron/runs/{runId}/finish</c>).
/// Brings the read model up to the tape's head first, so a run claimed a moment ago is found.
/// </summary>
public sealed record FindCronRunJobQuery(Guid RunId) : IRequest<Guid>;

/// <summary>Handles <see cref="FindCronRunJobQuery"/>.</summary>
public sealed class FindCronRunJobHandler(ProjectionDaemon daemon, ReadModelStore readModels) : IRequestHandler<FindCronRunJobQuery, Guid>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>cron_run.not_found</c>.</exception>
    public async Task<Guid> Handle(FindCronRunJobQuery request, CancellationToken cancellationToken)
    {
        await daemon.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        using var connection = readModels.OpenReader();
        var run = ReadModelQueries.Row(connection, CronSql.SelectRun, CronSql.ReadRun, ("$run_id", ReadModelValues.Id(request.RunId)))
            ?? throw new NotFoundException("cron_run", ReadModelValues.Id(request.RunId));
        return run.JobId;
    }
}
