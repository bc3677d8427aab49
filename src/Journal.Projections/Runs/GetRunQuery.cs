using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Shared;
using Journal.Projections.Runtime;
using MediatR;

namespace Journal.Projections.Runs;

/// <summary>One run from the read model.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetRunQuery(Guid RunId, long? MinPosition = null) : IRequest<RunView>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [RunsProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetRunQuery"/>.</summary>
public sealed class GetRunHandler(ReadModelStore readModels) : IRequestHandler<GetRunQuery, RunView>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>run.not_found</c>.</exception>
    public Task<RunView> Handle(GetRunQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.RunId);
        using var connection = readModels.OpenReader();
        return Task.FromResult(
            ReadModelQueries.Rows(connection, RunRows.SelectById, RunRows.Read, ("$run_id", id)).SingleOrDefault()
            ?? throw new NotFoundException("run", id));
    }
}
