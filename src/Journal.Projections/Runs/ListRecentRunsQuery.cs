using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Runs;

/// <summary>The latest runs across every session, newest first (by acceptance), with their tokens.</summary>
/// <param name="Limit">How many, 1 to <see cref="MaxLimit"/> (30 when null).</param>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record ListRecentRunsQuery(int? Limit = null, long? MinPosition = null) : IRequest<IReadOnlyList<RunView>>, IReadModelQuery, IValidatable
{
    /// <summary>The most runs one answer holds.</summary>
    public const int MaxLimit = 200;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [RunsProjection.ProjectionName];

    /// <inheritdoc />
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ValidationException("limit", $"must be from 1 to {MaxLimit}");
        }
    }
}

/// <summary>Handles <see cref="ListRecentRunsQuery"/>: one read down the runs' acceptance index.</summary>
public sealed class ListRecentRunsHandler(ReadModelStore readModels) : IRequestHandler<ListRecentRunsQuery, IReadOnlyList<RunView>>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<RunView>> Handle(ListRecentRunsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var connection = readModels.OpenReader();
        IReadOnlyList<RunView> rows = ReadModelQueries.Rows(connection, RunRows.ListRecent, RunRows.Read, ("$limit", request.Limit ?? 30));
        return Task.FromResult(rows);
    }
}
