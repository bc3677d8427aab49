using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Cron;

/// <summary>One run by its id.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetCronRunQuery(Guid RunId, long? MinPosition = null) : IRequest<CronRunView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [CronProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetCronRunQuery"/>.</summary>
public sealed class GetCronRunHandler(ReadModelStore readModels) : IRequestHandler<GetCronRunQuery, CronRunView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>cron_run.not_found</c>.</exception>
    public Task<CronRunView> Handle(GetCronRunQuery request, CancellationToken cancellationToken)
    {
        using var connection = readModels.OpenReader();
        return Task.FromResult(ReadModelQueries.Row(connection, CronSql.SelectRun, CronSql.ReadRun, ("$run_id", ReadModelValues.Id(request.RunId)))
            ?? throw new NotFoundException("cron_run", ReadModelValues.Id(request.RunId)));
    }
}
