using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;
using MediatR;

namespace Journal.Projections.Approvals;

/// <summary>One approval from the read model.</summary>
/// <param name="MinPosition">The tape position the answer must reflect, if any.</param>
public sealed record GetApprovalQuery(Guid ApprovalId, long? MinPosition = null) : IRequest<ApprovalRow>, IReadModelQuery
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Projections => [ApprovalsProjection.ProjectionName];
}

/// <summary>Handles <see cref="GetApprovalQuery"/>.</summary>
public sealed class GetApprovalHandler(ReadModelStore readModels) : IRequestHandler<GetApprovalQuery, ApprovalRow>
{
    /// <inheritdoc />
    /// <exception cref="NotFoundException"><c>approval.not_found</c>: no such approval in the read model.</exception>
    public Task<ApprovalRow> Handle(GetApprovalQuery request, CancellationToken cancellationToken)
    {
        var id = ReadModelValues.Id(request.ApprovalId);
        using var connection = readModels.OpenReader();
        return Task.FromResult(
            ReadModelQueries.Row(connection, ApprovalSql.SelectApproval, ApprovalSql.ReadApproval, ("$approval_id", id))
            ?? throw new NotFoundException("approval", id));
    }
}
