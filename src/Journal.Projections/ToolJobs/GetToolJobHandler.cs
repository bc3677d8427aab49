using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.ToolJobs;

/// <summary>One tool job with its output tail, oldest chunk first.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetToolJobQuery(Guid JobId, long? MinPosition = null) : IRequest<ToolJobView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [ToolJobsProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetToolJobQuery"/>.</summary>
public sealed class GetToolJobHandler(ReadModelStore readModels) : IRequestHandler<GetToolJobQuery, ToolJobView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>tooljob.not_found</c>: no such job in the read model.</exception>
    public Task<ToolJobView> Handle(GetToolJobQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.JobId);
        using var connection = readModels.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var job = ReadModelQueries.Row(transaction, ToolJobSql.SelectJob, ToolJobSql.ReadJob, ("$job_id", id))
            ?? throw new NotFoundException("tooljob", id);
        var tail = ReadModelQueries.Rows(transaction, ToolJobSql.SelectTail, ToolJobSql.ReadChunk, ("$job_id", id));
        return Task.FromResult(new ToolJobView(job, tail));
    }
}
